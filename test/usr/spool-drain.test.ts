// `herald spool drain` (reference §3.12, §4.9): spooled payloads are resent in name order and
// removed once delivered, a malformed file is reported and kept (§10 #4), and with
// --herald-config the Herald dead-letter queue is replayed too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { openTestHerald, testEvent } from '../support/herald.js';
import { startReceiver } from '../support/receiver.js';
import { writeSpoolFile } from '../../src/state/spool.js';
import { createHerald } from '../../src/herald.js';

test('spool drain: files are replayed and removed, a malformed one is kept; Herald dead letters drained', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  // A Herald whose sink refuses at first: the event is dead-lettered in its state dir.
  const config = `notifications:\n  retry: {max_attempts: 1}\n  sinks:\n    - {id: hook, kind: webhook, url: "${receiver.url}/herald"}\n`;
  receiver.setFallback({ status: 400, body: 'no' });
  const herald = await openTestHerald(config, { persistState: true });
  await herald.deliver([testEvent({ event_id: 'dl-1', title: 'dead-lettered once' })]);
  assert.equal((await herald.store.listDeadLetters()).length, 1);
  await herald.close();
  receiver.setFallback({ status: 200 });
  receiver.requests.length = 0;

  const spool = join(herald.dir, 'spool');
  await mkdir(spool, { mode: 0o700 });
  const payload = (n: number) => ({ status: 'running', tool: 'densegen', run_id: 'r1', timestamp: '2026-08-21T14:00:00Z', meta: { usr_action: 'import_rows' }, message: `import_rows on d (rows_written=${n})` });
  await writeSpoolFile(spool, 'generic', payload(1), 1_000);
  await writeSpoolFile(spool, 'discord', payload(2), 2_000);
  await writeFile(join(spool, '3000-broken.json'), '{"payload": ', { mode: 0o600 });

  const r = await runCli(['spool', 'drain', '--spool-dir', spool, '--url', `${receiver.url}/spool`, '--herald-config', join(herald.dir, 'herald.yml'), '--retry-base-seconds', '0'], { cwd: herald.dir, source: true });
  assert.equal(r.code, 1, 'the malformed file counts as failed');
  assert.match(r.stderr, /invalid spool payload file: .*3000-broken\.json/);
  assert.match(r.stderr, /Notification failed: 1 spool file\(s\) failed delivery/);
  assert.deepEqual(await readdir(spool), ['3000-broken.json']);

  const spooled = receiver.requests.filter((q) => q.path.startsWith('/spool'));
  // Name order; each file with its own provider's body.
  assert.deepEqual(spooled.map((q) => q.json), [payload(1), { content: 'RUNNING \u2014 densegen/r1\nimport_rows on d (rows_written=2)' }]);
  const replayed = receiver.requests.filter((q) => q.path.startsWith('/herald'));
  assert.equal(replayed.length, 1);
  assert.equal((replayed[0]!.json as { title: string }).title, 'dead-lettered once');

  const after = await createHerald({ config: join(herald.dir, 'herald.yml'), cwd: herald.dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: herald.dir }, state: {} });
  t.after(() => after.close());
  assert.deepEqual(await after.store.listDeadLetters(), [], 'the replayed dead letter is gone');
});

test('a usr_webhook sink spools its failures; dlq list shows them beside the queue and dlq replay drains them', async (t) => {
  const receiver = await startReceiver({ status: 503 });
  t.after(() => receiver.close());
  const config = `notifications:\n  retry: {max_attempts: 1}\n  sinks:\n    - {id: lab, kind: usr_webhook, url: "${receiver.url}/lab", provider: generic, spool_dir: spool}\n`;
  const { workspace } = await import('../support/cli.js');
  const { usrLine } = await import('../support/usr-log.js');
  const dir = await workspace({ 'herald.yml': config, 'e.log': usrLine({ action: 'init' }) + usrLine({ action: 'densegen_flush_failed' }) });
  const watched = await runCli(['watch', '--events', 'e.log', '--herald-config', 'herald.yml', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(watched.code, 0, watched.stderr);
  assert.match(watched.stderr, /was not delivered to lab: http 503.*kept for replay/);
  assert.equal((await readdir(join(dir, 'spool'))).length, 2);

  const listed = await runCli(['dlq', 'list', '--json', '--config', 'herald.yml', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(listed.code, 0, listed.stderr);
  const rows = listed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { sink_id: string; kind: string; reason: string; id: string });
  assert.deepEqual(rows.map((r) => [r.sink_id, r.kind, r.reason]), [['lab', 'init', 'spooled'], ['lab', 'densegen_flush_failed', 'spooled']]);

  receiver.setFallback({ status: 200 });
  const replayed = await runCli(['dlq', 'replay', '--config', 'herald.yml', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(replayed.code, 0, replayed.stderr);
  assert.match(replayed.stderr, /replayed 2 of 2 dead letter\(s\); 0 still in the queue/);
  assert.deepEqual(await readdir(join(dir, 'spool')), []);
  const bodies = receiver.requests.filter((r) => r.path === '/lab').map((r) => r.json as { status: string; message: string });
  assert.deepEqual(bodies.slice(-2).map((b) => [b.status, b.message]), [['started', 'init on densegen/demo_tfbs'], ['failure', 'densegen_flush_failed on densegen/demo_tfbs']]);
});
