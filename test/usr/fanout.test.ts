// The Herald fan-out path: `herald watch --config herald.yml` (no --tool: a Herald config) sends
// each USR record through the dispatcher to a loopback webhook sink. The event id is the line's
// hash, so a restarted watcher without a cursor re-reads the file and the dispatcher's dedup
// (state dir) sends nothing twice; only a new record goes out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';
import { goldenStream, usrLine } from '../support/usr-log.js';

test('watch --config herald.yml: records reach a webhook sink once, across a restart', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const config = 'notifications:\n  retry: {max_attempts: 2, initial_delay_ms: 10, jitter: 0}\n  sinks:\n    - {id: hook, kind: webhook, url: "${HOOK_URL}"}\n';
  const dir = await workspace({ 'herald.yml': config, 'usr/.events.log': goldenStream() });
  const env = { HOOK_URL: `${receiver.url}/usr-hook/s3cr3t` };
  const watch = () => runCli(['watch', '--events', 'usr/.events.log', '--config', 'herald.yml', '--state-dir', 'state'], { cwd: dir, env, source: true });

  const first = await watch();
  assert.equal(first.code, 0, first.stderr);
  assert.doesNotMatch(first.stdout + first.stderr, /s3cr3t/);
  const sent = receiver.requests.map((r) => r.json as { event_id: string; kind: string; title: string; severity: string; labels: Record<string, string>; details: { usr: { status: string } } });
  assert.deepEqual(sent.map((e) => e.kind), ['init', 'densegen_health', 'import_rows', 'write_overlay_part', 'densegen_health']);
  assert.equal(sent[0]!.title, 'init on densegen/demo_tfbs');
  assert.deepEqual(sent[0]!.labels, { status: 'started', tool: 'densegen', run: '4412907.0', dataset: 'densegen/demo_tfbs', host: 'scc-xa1' });
  assert.equal(sent[4]!.details.usr.status, 'running');
  assert.equal(new Set(sent.map((e) => e.event_id)).size, 5);

  // No cursor: the restart reads every line again; dedup keeps them from being resent.
  const again = await watch();
  assert.equal(again.code, 0, again.stderr);
  assert.equal(receiver.requests.length, 5, 'nothing resent after a restart');

  await appendFile(join(dir, 'usr/.events.log'), usrLine({ action: 'densegen_flush_failed', timestamp: '2026-08-21T14:02:00.000000Z' }));
  const third = await watch();
  assert.equal(third.code, 0, third.stderr);
  assert.equal(receiver.requests.length, 6);
  const last = receiver.requests[5]!.json as { kind: string; severity: string };
  assert.deepEqual([last.kind, last.severity], ['densegen_flush_failed', 'error']);
});

test('watch --herald-config with a profile webhook too: both receive, the webhook once per event', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const dir = await workspace({
    'herald.yml': `notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${receiver.url}/herald"}\n`,
    'e.log': usrLine({ action: 'init' }),
  });
  const args = ['watch', '--events', 'e.log', '--herald-config', 'herald.yml', '--provider', 'generic', '--url', `${receiver.url}/profile`, '--state-dir', 'state'];
  assert.equal((await runCli(args, { cwd: dir, source: true })).code, 0);
  assert.equal((await runCli(args, { cwd: dir, source: true })).code, 0);
  const paths = receiver.requests.map((r) => r.path);
  assert.deepEqual(paths.sort(), ['/herald', '/profile']);
  const profile = receiver.requests.find((r) => r.path === '/profile')!;
  assert.equal((profile.json as { message: string }).message, 'init on densegen/demo_tfbs');
  assert.match(String(profile.headers['idempotency-key']), /^[0-9a-f]{32}$/);
});
