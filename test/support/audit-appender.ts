// A separate process appending to one state folder's audit chain: `node --import tsx
// audit-appender.ts <dir> <count> <tag> [together]` (the concurrent-appenders tests run two at
// once). With `together` it records every entry without waiting for each, as the dispatcher does,
// so the store writes them in batches; it prints "halfway" once half of them are recorded.
import { DirStore } from '../../src/state/dir.js';
import { AuditLog } from '../../src/dispatch/audit.js';

const [dir, count, tag, mode] = process.argv.slice(2) as [string, string, string, string | undefined];
const quiet = { info() {}, debug() {}, warn() {}, error() {} };
const store = new DirStore(dir, { windowMs: 60_000, lruSize: 16 }, quiet);
const audit = new AuditLog(process.env.AUDIT_KEY!, store);
const record = (i: number) => audit.record({ event_id: `${tag}-${i}`, sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, Date.now());
if (mode === 'together') {
  const written: Promise<void>[] = [];
  for (let i = 0; i < Number(count); i++) {
    written.push(record(i));
    if (i === Math.floor(Number(count) / 2)) console.log('halfway');
    // Deliveries come in over time: let the event loop turn now and then, as between responses.
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(written);
} else {
  for (let i = 0; i < Number(count); i++) await record(i);
}
await store.close();
