// `herald dlq replay` over Bernstein's own state (issue 13 #2). Bernstein appends its global dedup
// line BEFORE it delivers (reference §4.1 "remembered before any delivery"), so that line does not
// mean the dead letter was delivered: replay must send it, and say "replayed" only for what it sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';

// The reference's confirmed dead-letter record (§4.3), byte for byte.
const BERNSTEIN_DEAD_LETTER =
  '{"event": {"body": "This is a synthetic event sent by `bernstein notify test`.", "details": {"command": "bernstein notify test"}, "event_id": "synthetic-wh-1795346656707", "kind": "synthetic", "labels": {"source": "cli"}, "run_id": null, "session_id": null, "severity": "info", "task_id": null, "timestamp": 1795346656.707325, "title": "bernstein notify test (wh)"}, "reason": "retries_exhausted:http error for http://127.0.0.1:9/x: All connection attempts failed", "sink_id": "wh", "ts": 1795346657.696829}';

async function bernsteinState(url: string) {
  // Bernstein's dedup line for that event (§4.1 shape), written "now" so it is inside the window.
  const dedupLine = `{"event_id": "synthetic-wh-1795346656707", "ts": ${Date.now() / 1000}}`;
  return workspace({
    'bernstein.yaml': `notifications:\n  retry: {max_attempts: 1}\n  sinks:\n    - id: wh\n      kind: webhook\n      url: ${url}\n`,
    '.sdd/runtime/notifications/dead_letter.jsonl': BERNSTEIN_DEAD_LETTER + '\n',
    '.sdd/runtime/notifications/dedup.jsonl': dedupLine + '\n',
  });
}

test("a Bernstein dead letter is delivered by replay although Bernstein's dedup line for it exists", async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const dir = await bernsteinState(receiver.url + '/x');
  const state = join(dir, '.sdd/runtime/notifications');
  const replayed = await runCli(['dlq', 'replay', '--config', 'bernstein.yaml', '--state-dir', state], { cwd: dir, source: true });
  assert.equal(replayed.code, 0, replayed.stderr);
  assert.equal(receiver.requests.length, 1, 'the dead letter was sent');
  const body = receiver.requests[0]!.json as { event_id: string; title: string; timestamp: number };
  assert.equal(body.event_id, 'synthetic-wh-1795346656707');
  assert.equal(body.title, 'bernstein notify test (wh)');
  assert.match(replayed.stderr, /replayed 1 of 1 dead letter\(s\); 0 still in the queue/);
  assert.equal((await readFile(join(state, 'dead_letter.jsonl'), 'utf8')).trim(), '', 'the letter left the queue');
  // An ordinary send still honours Bernstein's line (it may have delivered), and the replay's own record.
  const again = await runCli(['dlq', 'replay', '--config', 'bernstein.yaml', '--state-dir', state], { cwd: dir, source: true });
  assert.match(again.stderr, /replayed 0 of 0 dead letter\(s\)/);
  assert.equal(receiver.requests.length, 1);
});

test('a letter its sink delivered since is removed but not counted as replayed', async (t) => {
  const receiver = await startReceiver({ status: 503 });
  t.after(() => receiver.close());
  const dir = await workspace({ 'herald.yml': `notifications:\n  retry: {max_attempts: 1}\n  sinks:\n    - {id: wh, kind: webhook, url: "${receiver.url}/x"}\n` });
  const send = () => runCli(['send', '--state-dir', 'state', '--event', 'post_task', '--event-id', 'ev-9', '--title', 'T'], { cwd: dir, source: true });
  assert.match((await send()).stderr, /wh dead_lettered ev-9/, 'the first send fails and is dead-lettered');
  receiver.setFallback({ status: 200 });
  assert.equal((await send()).code, 0, 'the same event is delivered by a later send');
  const replayed = await runCli(['dlq', 'replay', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(replayed.code, 0, replayed.stderr);
  assert.equal(receiver.requests.length, 2, 'nothing sent by the replay');
  assert.match(replayed.stderr, /replayed 0 of 1 dead letter\(s\); 1 already delivered since \(removed, not sent again\); 0 still in the queue/);
});
