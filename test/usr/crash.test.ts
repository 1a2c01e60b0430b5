// Crash safety: 2,000 events to a loopback receiver while the watcher (a subprocess) is killed with
// SIGKILL at random points and restarted. Every event must arrive; the only resend a crash can cause
// (between a 2xx and the cursor write) carries the same Idempotency-Key, so a receiver that honours
// the key sees every event exactly once. Bound by work (40 rounds, each ended by its kill or its
// own exit), never by a clock: under load it takes longer, it does not fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '../support/receiver.js';
import { baseEnv, ROOT } from '../support/cli.js';
import { bulkLine } from '../support/usr-log.js';

const N = 2000;

test('kill -9 at random points: every event arrives exactly once per idempotency key, none lost', async () => {
  const receiver = await startReceiver({ status: 200 });
  const d = await mkdtemp(join(tmpdir(), 'herald-crash-'));
  const events = join(d, 'e.log');
  let text = '';
  for (let i = 0; i < N; i++) text += bulkLine(i, 'import_rows', 50);
  await writeFile(events, text);
  const args = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'index.ts'), 'watch', '--events', events, '--provider', 'generic', '--url', receiver.url, '--cursor', join(d, 'cursor'), '--state-dir', join(d, 'state'), '--retry-base-seconds', '0'];
  let kills = 0;
  for (let round = 0; round < 40; round++) {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: baseEnv(), stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const start = receiver.requests.length;
    // Kill once this run has delivered a random number of events (or let the last round finish).
    const target = start + 50 + Math.floor(Math.random() * 150);
    const killer = (async () => {
      while (receiver.requests.length < target) {
        if (child.exitCode !== null) return;
        await new Promise((r) => setTimeout(r, 2));
      }
      child.kill('SIGKILL');
      kills++;
    })();
    const code = await exited;
    await killer;
    if (code === 0) break;
  }
  const keys = receiver.requests.map((r) => String(r.headers['idempotency-key']));
  const unique = new Set(keys);
  const bodies = new Set(receiver.requests.map((r) => (r.json as { meta: { usr_timestamp: string } }).meta.usr_timestamp));
  process.stdout.write(`# crash test: ${kills} kills, ${receiver.requests.length} POSTs, ${unique.size} unique keys, ${receiver.requests.length - unique.size} resends\n`);
  assert.ok(kills >= 3);
  assert.equal(unique.size, N);
  assert.equal(bodies.size, N);
  assert.ok(receiver.requests.length - unique.size <= kills, 'at most one resend per crash');
  await receiver.close();
});
