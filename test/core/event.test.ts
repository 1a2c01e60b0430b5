import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEvent, deriveEventId, severityFromOutcome, toPayload } from '../../src/core/event.js';
import { pythonFixed, pythonJson, PyFloat } from '../../src/core/python-format.js';

test('the payload has exactly the eleven Bernstein keys in order, nulls kept', () => {
  const event = buildEvent({ kind: 'post_task', event_id: 'ev1', title: 'Task failed: t-1', body: 'line1\nline2', severity: 'error', task_id: 't-1', session_id: 's-1', run_id: 'r-1', timestamp: 1.5 }, 0);
  assert.deepEqual(Object.keys(toPayload(event)), ['event_id', 'kind', 'title', 'body', 'severity', 'task_id', 'session_id', 'run_id', 'timestamp', 'labels', 'details']);
  assert.equal(JSON.stringify(toPayload(event)), '{"event_id":"ev1","kind":"post_task","title":"Task failed: t-1","body":"line1\\nline2","severity":"error","task_id":"t-1","session_id":"s-1","run_id":"r-1","timestamp":1.5,"labels":{},"details":{}}');
  const bare = buildEvent({ kind: 'pre_merge', event_id: 'x' }, 10);
  assert.equal(toPayload(bare).task_id, null);
  assert.equal(toPayload(bare).run_id, null);
});

test('changing the payload labels leaves the event alone', () => {
  const event = buildEvent({ kind: 'post_task', labels: { a: '1' } }, 1);
  const payload = toPayload(event);
  payload.labels.b = '2';
  assert.deepEqual(event.labels, { a: '1' });
});

test('event ids match the Bernstein test vectors', () => {
  assert.equal(deriveEventId('post_task', 't-99', 's-1', 1714752000), 'e6ffc9e07b64956dbb73a09c0e6f30ee');
  assert.equal(deriveEventId('pre_spawn', null, null, 1714752000.1236), '7cbd211e9b2461813cccfe53b6af503c');
  assert.equal(deriveEventId('post_merge', 't-1', null, 1), '767c63b9cd7bc252f1cfb8b187f7b9fb');
  assert.equal(deriveEventId('pre_merge', 't-1', null, 1), 'ef05b8bc4fadd18c0d09564e9b9c047f');
});

test('"%.3f" rounds ties to even on the exact binary value, as Python does', () => {
  assert.equal(pythonFixed(1.0625, 3), '1.062');
  assert.equal(pythonFixed(1.0635, 3), '1.063'); // the double is 1.06349999…: below the tie
  assert.equal(pythonFixed(1714752000.1236, 3), '1714752000.124');
  assert.equal(pythonFixed(2.5, 0), '2');
  assert.equal(pythonFixed(-1.5, 0), '-2');
});

test('severity derives from the outcome as Bernstein does, plus GitHub job statuses', () => {
  assert.equal(severityFromOutcome('FAILED', 'post_task'), 'error');
  assert.equal(severityFromOutcome('warn', 'pre_task'), 'warning');
  assert.equal(severityFromOutcome('rolled_back', 'post_merge'), 'warning');
  assert.equal(severityFromOutcome('rolled_back', 'pre_task'), 'info');
  assert.equal(severityFromOutcome('failure', 'post_task'), 'error');
  assert.equal(severityFromOutcome('cancelled', 'post_task'), 'warning');
  assert.equal(severityFromOutcome(undefined, 'post_task'), 'info');
});

test('titles follow the bridge: base, then task, else session', () => {
  assert.equal(buildEvent({ kind: 'post_task', task_id: 't-9' }, 1).title, 'Task finished: t-9');
  assert.equal(buildEvent({ kind: 'pre_merge', session_id: 's' }, 1).title, 'Merge starting: s');
  assert.equal(buildEvent({ kind: 'pre_spawn' }, 1).title, 'Agent spawning');
});

test('Python JSON: default separators, sorted keys, ASCII escapes and float repr', () => {
  assert.equal(pythonJson({ b: 1, a: 'é', c: new PyFloat(3) }, { sortKeys: true }), '{"a": "\\u00e9", "b": 1, "c": 3.0}');
  assert.equal(pythonJson({ ts: new PyFloat(1795346656.7077975) }), '{"ts": 1795346656.7077975}');
  assert.equal(pythonJson([null, true, 1e-7]), '[null, true, 1e-07]');
});
