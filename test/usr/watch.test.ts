import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rename, rm, writeFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWatch, type WatchSettings } from '../../src/watch/run.js';
import { createHerald } from '../../src/herald.js';
import { startReceiver } from '../support/receiver.js';
import { bulkLine, densegenHealth, goldenStream, usrLine } from '../support/usr-log.js';

async function dir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'herald-usr-'));
}

function settings(events: string, extra: Partial<WatchSettings> = {}): WatchSettings {
  return {
    eventsPath: events, follow: false, waitForEvents: false, pollMs: 20, stopOnTerminal: false, onTruncate: 'error',
    onlyActions: [], onlyTools: [], progress: {}, onInvalid: 'error', allowUnknownVersion: false,
    include: { includeArgs: false, includeContext: false, includeRawEvent: false }, provider: 'generic', dryRun: true,
    advanceCursorOnDryRun: false, failFast: false, ...extra,
  };
}

async function watch(s: WatchSettings) {
  const out: string[] = [];
  const warn: string[] = [];
  const result = await runWatch(s, { out: (l) => out.push(...l.split('\n')), warn: (l) => warn.push(l), sleep: (ms) => new Promise((r) => setTimeout(r, ms)), nowMs: () => Date.now() });
  return { result, out: out.map((l) => JSON.parse(l) as Record<string, unknown>), warn };
}

test('the golden stream gives the reference dry-run payloads', async () => {
  const d = await dir();
  await writeFile(join(d, 'e.log'), goldenStream());
  const { out } = await watch(settings(join(d, 'e.log')));
  assert.deepEqual(out.map((p) => p.status), ['started', 'started', 'running', 'running', 'running']);
  assert.equal(out[0]!.message, 'init on densegen/demo_tfbs');
  assert.equal(out[2]!.message, 'import_rows on densegen/demo_tfbs (rows_written=12)');
  assert.equal(out[4]!.message, 'DenseGen progress | run=4412907.0 | dataset=densegen/demo_tfbs\n- Quota (run session): 10.0% (12/120 rows)\n- Remaining to quota: 108 rows\n- Workspace rows: 12\n- Plan yield: 12/14 (85.7%)\n- TFBS coverage: 25.0% (20/80)\n- Session throughput: 709.4 rows/hour\n- ETA to quota: 00:09:08\n- Runtime: 00:01:01');
});

test('NaN tokens are accepted and a partial last line is never consumed', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  const nan = usrLine({ action: 'import_rows', metrics: { rows_written: 3, gc_total: 0.5 } }, { nan: ['gc_total'] });
  assert.match(nan, /"gc_total":NaN/);
  await writeFile(events, nan + '{"event_version":1,"act');
  const cursor = join(d, 'cursor');
  const { result, out } = await watch(settings(events, { cursorPath: cursor, dryRun: false, provider: undefined, pipeline: { deliver: async () => [], render: () => [] } }));
  assert.equal(result.exitCode, 0);
  assert.equal(out.length, 0);
  assert.equal(await readFile(cursor, 'utf8'), String(Buffer.byteLength(nan)));
});

test('invalid lines: error by default, skipped with the reference message in skip mode, each named by file and line', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  await writeFile(events, '{"event_version":1,"action":"x",}\n\n' + usrLine({ action: 'init', actor: 'nope' }) + usrLine({ action: 'init' }));
  await assert.rejects(watch(settings(events)), (error: Error) => error.message.startsWith(`${events}:1: event line is not valid JSON: `));
  const { out, warn } = await watch(settings(events, { onInvalid: 'skip' }));
  assert.equal(out.length, 1);
  assert.equal(warn[0]!.startsWith(`${events}:1: Skipping invalid event line: event line is not valid JSON`), true, warn[0]);
  assert.equal(warn[1]!.startsWith(`${events}:3: Skipping invalid event line: `), true, warn[1]);
  assert.match(warn[1]!, /event field 'actor' must be an object when provided/);
  await writeFile(events, usrLine({ action: 'init', event_version: 99 }));
  await assert.rejects(watch(settings(events)), /unknown event_version=99; expected 1/);
});

test('a 1 MiB record is read whole', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  const big = usrLine({ action: 'init', args: { blob: 'y'.repeat(1024 * 1024 - 600) } });
  assert.ok(big.length > 1_000_000 && big.length <= 1024 * 1024);
  await writeFile(events, big + usrLine({ action: 'init' }));
  const { out } = await watch(settings(events));
  assert.equal(out.length, 2);
});

test('a filter skips records without parsing them but the cursor still passes them', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  let text = '';
  for (let i = 0; i < 200; i++) text += bulkLine(i, i % 50 === 0 ? 'densegen_flush_failed' : 'import_rows');
  await writeFile(events, text);
  const cursor = join(d, 'cursor');
  const { out } = await watch(settings(events, { onlyActions: ['densegen_flush_failed'], cursorPath: cursor, advanceCursorOnDryRun: true }));
  assert.equal(out.length, 4);
  assert.equal(Number(await readFile(cursor, 'utf8')), Buffer.byteLength(text));
});

test('dry-run leaves the cursor alone unless asked', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  await writeFile(events, goldenStream());
  const cursor = join(d, 'cursor');
  await watch(settings(events, { cursorPath: cursor }));
  await assert.rejects(stat(cursor));
});

test('densegen throttling: two running events 5 minutes apart in a 25% step give one payload; state survives a restart', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  const m = (pct: number, rows: number) => ({ tfbs_total_library: 80, tfbs_unique_used: 20, tfbs_coverage_pct: 25, plans_attempted: 14, plans_solved: 12, rows_written_session: rows, run_quota: 120, quota_progress_pct: pct, run_elapsed_seconds: 60 });
  await writeFile(events, densegenHealth('running', '2026-08-21T14:00:00Z', m(10, 12)) + densegenHealth('running', '2026-08-21T14:05:00+00:00', m(12, 14)));
  const { DirStore } = await import('../../src/state/dir.js');
  const store = new DirStore(join(d, 'state'), { windowMs: 1e9, lruSize: 100 }, { info() {}, warn() {}, error() {}, debug() {} });
  const first = await watch(settings(events, { pipeline: { store, deliver: async () => [], render: () => [] }, advanceCursorOnDryRun: true }));
  assert.equal(first.out.length, 1);
  const again = await watch(settings(events, { pipeline: { store, deliver: async () => [], render: () => [] }, advanceCursorOnDryRun: true }));
  assert.equal(again.out.length, 0, 'a restarted watcher does not repeat progress it already sent');
});

test('follow: a record appended later is delivered; idle timeout without terminal → 3 even with a partial line', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  await writeFile(events, '');
  const p = watch(settings(events, { follow: true, idleTimeoutMs: 600 }));
  await new Promise((r) => setTimeout(r, 100));
  await appendFile(events, usrLine({ action: 'init' }) + '{"event_version":1,"partial');
  const { result, out } = await p;
  assert.equal(out.length, 1);
  assert.equal(result.exitCode, 3);
});

test('wait-for-events picks up a file that appears late', async () => {
  const d = await dir();
  const events = join(d, 'late.log');
  const p = watch(settings(events, { follow: true, waitForEvents: true, idleTimeoutMs: 800, stopOnTerminal: true }));
  await new Promise((r) => setTimeout(r, 150));
  await writeFile(events, usrLine({ action: 'densegen_flush_failed' }));
  const { result, out } = await p;
  assert.equal(out.length, 1);
  assert.equal(result.exitCode, 0);
  assert.equal(out[0]!.status, 'failure');
});

for (const mode of ['error', 'restart', 'resume'] as const) {
  test(`a file replaced under a following watcher: --on-truncate ${mode}`, async () => {
    const d = await dir();
    const events = join(d, 'e.log');
    const lines = Array.from({ length: 6 }, (_, i) => bulkLine(i, 'import_rows', 20));
    await writeFile(events, lines.slice(0, 3).join(''));
    const p = watch(settings(events, { follow: true, idleTimeoutMs: 700, onTruncate: mode }));
    await new Promise((r) => setTimeout(r, 150));
    // usr pull: a superset copied into place (new inode)
    await writeFile(join(d, 'new.log'), lines.join(''));
    await rename(join(d, 'new.log'), events);
    if (mode === 'error') {
      await assert.rejects(p, /events file was replaced while following\. Pass --on-truncate restart/);
      return;
    }
    const { out } = await p;
    const ns = out.map((o) => (o.message as string).match(/rows_written=(\d+)/)![1]);
    assert.deepEqual(ns, mode === 'restart' ? ['0', '1', '2', '0', '1', '2', '3', '4', '5'] : ['0', '1', '2', '3', '4', '5']);
  });
}

async function pipeline(d: string, url: string, extra: Record<string, unknown> = {}) {
  return createHerald({
    configText: 'notifications: {}\n',
    sinks: [{ id: 'usr-webhook', kind: 'usr_webhook', url, provider: 'generic', retry: { max_attempts: 2, initial_delay_ms: 1, jitter: 0 }, ...extra }],
    state: { stateDir: join(d, 'state') },
    cwd: d,
    env: { PATH: process.env.PATH },
  });
}

test('live: --fail-fast stops at a failed event with the cursor before it; a spool or the dead-letter queue makes it handled', async () => {
  const receiver = await startReceiver({ status: 500 });
  const d = await dir();
  const events = join(d, 'e.log');
  const l1 = usrLine({ action: 'init' });
  await writeFile(events, l1 + usrLine({ action: 'import_rows', metrics: { rows_written: 1 } }));
  const cursor = join(d, 'cursor');
  const plain = await pipeline(d, receiver.url);
  await assert.rejects(watch(settings(events, { dryRun: false, failFast: true, pipeline: plain, cursorPath: cursor })), /Webhook delivery failed: http 500/);
  assert.equal(receiver.requests.length, 2, 'two attempts, then stop');
  await assert.rejects(stat(cursor)); // nothing handled yet
  assert.deepEqual(await plain.store.listDeadLetters(), [], '--fail-fast keeps nothing');

  // Without a spool, a failure is kept in the dead-letter queue: handled, said so, cursor passes it.
  const queued = await watch(settings(events, { dryRun: false, pipeline: plain, cursorPath: join(d, 'c0') }));
  assert.equal(queued.result.exitCode, 0);
  assert.equal(queued.result.spooled, 2);
  assert.equal((await plain.store.listDeadLetters()).length, 2);
  assert.match(queued.warn.join('\n'), /was not delivered to usr-webhook: http 500.*kept for replay/);
  assert.equal(Number(await readFile(join(d, 'c0'), 'utf8')), (await stat(events)).size);
  await plain.close();

  const spool = join(d, 'spool');
  const spooling = await pipeline(d, receiver.url, { spool_dir: spool });
  const r2 = await watch(settings(events, { dryRun: false, pipeline: spooling, cursorPath: cursor }));
  assert.equal(r2.result.exitCode, 0);
  const files = await readdir(spool);
  assert.equal(files.length, 2);
  assert.match(files[0]!, /^\d+-[0-9a-f]{16}\.json$/);
  assert.equal((await stat(join(spool, files[0]!))).mode & 0o777, 0o600);
  assert.equal((await stat(spool)).mode & 0o777, 0o700);
  const body = await readFile(join(spool, files[0]!), 'utf8');
  assert.match(body, /^\{"payload":\{"message":"init on densegen\/demo_tfbs","meta":\{/);
  receiver.setFallback({ reset: true });
  const r3 = await watch(settings(events, { dryRun: false, pipeline: spooling, cursorPath: join(d, 'c2') }));
  assert.equal(r3.result.exitCode, 0, 'a connection reset is retried and spooled, not a crash');
  await spooling.close();
  await receiver.close();
  await rm(d, { recursive: true, force: true });
});

test('the cursor lock: a live pid holds it, a dead pid is taken over', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  await writeFile(events, usrLine({ action: 'init' }));
  const cursor = join(d, 'cursor');
  await writeFile(`${cursor}.lock`, JSON.stringify({ pid: process.pid }));
  await assert.rejects(watch(settings(events, { cursorPath: cursor })), /cursor lock already held/);
  await writeFile(`${cursor}.lock`, JSON.stringify({ pid: 999999 }));
  const { out } = await watch(settings(events, { cursorPath: cursor }));
  assert.equal(out.length, 1);
  await assert.rejects(stat(`${cursor}.lock`));
});

test('a log gardened while no watcher ran is caught at start (§10 #7): error names the fix, resume continues after the last line read, restart reads it all', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  const cursorPath = join(d, 'cursor');
  const lines = Array.from({ length: 8 }, (_, i) => bulkLine(i, 'import_rows', 20 + i * 7));
  await writeFile(events, lines.slice(0, 4).join(''));
  const first = await watch(settings(events, { cursorPath, advanceCursorOnDryRun: true }));
  assert.equal(first.out.length, 4);
  const offset = Number(await readFile(cursorPath, 'utf8'));
  // Gardening keeps the newest lines and the writer goes on: larger than the cursor, shifted.
  await writeFile(join(d, 'gardened'), lines.slice(2).join(''));
  await rename(join(d, 'gardened'), events);
  assert.ok((await stat(events)).size > offset);
  await assert.rejects(watch(settings(events, { cursorPath, advanceCursorOnDryRun: true })), /events file changed under the cursor: the line before offset=\d+ is not the one last read\. .*--on-truncate resume/);
  assert.equal(Number(await readFile(cursorPath, 'utf8')), offset, 'the cursor is left where it was');
  const rows = (out: Record<string, unknown>[]) => out.map((o) => (o.message as string).match(/rows_written=(\d+)/)![1]);
  const restart = await watch(settings(events, { cursorPath, onTruncate: 'restart' }));
  assert.deepEqual(rows(restart.out), ['2', '3', '4', '5', '6', '7']);
  const resumed = await watch(settings(events, { cursorPath, onTruncate: 'resume', advanceCursorOnDryRun: true }));
  assert.deepEqual(rows(resumed.out), ['4', '5', '6', '7']);
});

test('a cursor whose last line was filtered out, or a log that only grew, starts without a false alarm', async () => {
  const d = await dir();
  const events = join(d, 'e.log');
  const cursorPath = join(d, 'cursor');
  await writeFile(events, usrLine({ action: 'init' }) + bulkLine(1, 'import_rows', 10) + usrLine({ action: 'attach' }));
  const first = await watch(settings(events, { cursorPath, advanceCursorOnDryRun: true, onlyActions: ['init', 'import_rows'] }));
  assert.equal(first.out.length, 2, 'the attach line is filtered, but the cursor passes it');
  await appendFile(events, bulkLine(2, 'import_rows', 10));
  const second = await watch(settings(events, { cursorPath, advanceCursorOnDryRun: true, onlyActions: ['init', 'import_rows'] }));
  assert.deepEqual(second.out.map((o) => o.message), ['import_rows on densegen/demo_tfbs (rows_written=2)']);
  // A cursor seeded by hand (`stat -c %s .events.log > cursor`) has no sidecar: only the line boundary is checked.
  await writeFile(cursorPath, String((await stat(events)).size));
  await rm(`${cursorPath}.herald.json`);
  await appendFile(events, bulkLine(3, 'import_rows', 10));
  const third = await watch(settings(events, { cursorPath, advanceCursorOnDryRun: true }));
  assert.equal(third.out.length, 1);
});
