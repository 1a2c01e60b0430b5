// One bad event in a batch (issue 13 #4): it is named (its place in the batch and the field) and
// the exit is 2 at the end, while the other events are delivered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';

test('a batch with one out-of-range event delivers the rest and exits 2 naming that event', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const events = [
    '{"event_id": "a", "kind": "post_task", "title": "first", "severity": "error"}',
    '{"event_id": "b", "kind": "post_task", "title": "second", "severity": "fatal"}',
    '{"event_id": "c", "kind": "post_task", "title": "third", "severity": "info"}',
  ];
  const dir = await workspace({
    'herald.yml': `notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${receiver.url}/x"}\n`,
    'batch.jsonl': events.join('\n') + '\n',
    'batch.json': `[${events.join(', ')}]`,
  });
  const jsonl = await runCli(['send', '--state', 'none', '--payload-file', 'batch.jsonl'], { cwd: dir, source: true });
  assert.equal(jsonl.code, 2, jsonl.stderr);
  assert.deepEqual(receiver.requests.map((r) => (r.json as { event_id: string }).event_id), ['a', 'c']);
  assert.match(jsonl.stderr, /batch\.jsonl:2: event 2: severity: .*\(not sent\)/);
  assert.match(jsonl.stderr, /1 event\(s\) not sent/);
  assert.doesNotMatch(jsonl.stderr, /\n\s+at /, 'no stack trace');

  const array = await runCli(['send', '--state', 'none', '--payload-file', 'batch.json'], { cwd: dir, source: true });
  assert.equal(array.code, 2, array.stderr);
  assert.equal(receiver.requests.length, 4);
  assert.match(array.stderr, /batch\.json: event 2: severity: /);
});

test('a batch whose every event is bad delivers nothing and exits 2 as before', async () => {
  const dir = await workspace({ 'herald.yml': 'notifications:\n  sinks: [{id: c, kind: console}]\n', 'bad.jsonl': '{"title": 1}\n' });
  const result = await runCli(['send', '--state', 'none', '--payload-file', 'bad.jsonl'], { cwd: dir, source: true });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /bad\.jsonl:1: kind: /);
});
