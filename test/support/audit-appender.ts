// A separate process appending to one state folder's audit chain: `node --import tsx
// audit-appender.ts <dir> <count> <tag>` (the concurrent-appenders test runs two at once).
import { DirStore } from '../../src/state/dir.js';
import { AuditLog } from '../../src/dispatch/audit.js';

const [dir, count, tag] = process.argv.slice(2) as [string, string, string];
const quiet = { info() {}, debug() {}, warn() {}, error() {} };
const store = new DirStore(dir, { windowMs: 60_000, lruSize: 16 }, quiet);
const audit = new AuditLog(process.env.AUDIT_KEY!, store);
for (let i = 0; i < Number(count); i++) {
  await audit.record({ event_id: `${tag}-${i}`, sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, Date.now());
}
await store.close();
