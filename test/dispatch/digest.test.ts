import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { digestEvent } from '../../src/dispatch/digest.js';
import { startReceiver } from '../support/receiver.js';
import { openTestHerald, testEvent } from '../support/herald.js';

test('a digest counts by severity, lists the worst titles first and says how many more', () => {
  const events = [
    ...Array.from({ length: 12 }, (_, i) => testEvent({ event_id: `i${i}`, severity: 'info', title: `ok ${i}`, labels: { repo: 'a', n: String(i) } })),
    testEvent({ event_id: 'w', severity: 'warning', title: 'slow', labels: { repo: 'a' } }),
    testEvent({ event_id: 'e', severity: 'error', title: 'broken', labels: { repo: 'a' } }),
  ];
  const digest = digestEvent(events);
  assert.equal(digest.kind, 'digest');
  assert.equal(digest.severity, 'error');
  assert.equal(digest.title, 'Herald digest: 14 events (1 error, 1 warning, 12 info)');
  const lines = digest.body.split('\n');
  assert.deepEqual(lines.slice(0, 3), ['[error] broken', '[warning] slow', '[info] ok 0']);
  assert.equal(lines.length, 11);
  assert.equal(lines[10], '+4 more');
  assert.deepEqual(digest.labels, { repo: 'a' }, 'only labels every event shares');
  assert.deepEqual(digest.details.by_severity, { error: 1, warning: 1, info: 12 });
});

const receiver = await startReceiver();
after(() => receiver.close());
const slack = (extra = '') => `notifications:
  retry: { max_attempts: 2, initial_delay_ms: 10 }
  sinks:
    - id: slack
      kind: slack
      webhook_url: ${receiver.url}/hook
      rate_limit: { per_window: 1, window_ms: 300 }
${extra}`;

test('filtered and already-delivered events stay out of a digest', async () => {
  receiver.requests.length = 0;
  receiver.script([]);
  const herald = await openTestHerald(slack('      severities: [error, warning]\n'));
  const events = Array.from({ length: 6 }, (_, i) => testEvent({ event_id: `f${i}`, title: `t${i}`, severity: i === 2 ? 'info' : 'error' }));
  await herald.send([events[4]!]);
  const outcomes = await herald.send(events);
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), ['delivered', 'delivered', 'filtered', 'delivered', 'deduplicated', 'delivered']);
  // The first run's send still holds the window, so all four admitted events go as one digest.
  assert.equal(receiver.requests.length, 2);
  assert.match((receiver.requests[1]!.json as { text: string }).text, /^\*Herald digest: 4 events \(4 error\)\*\n\[error\] t0\n\[error\] t1\n\[error\] t3\n\[error\] t5$/);
});

test('a digest that fails dead-letters each of its events', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 200 }, { status: 400, body: 'invalid_payload' }]);
  const herald = await openTestHerald(slack());
  const outcomes = await herald.send(Array.from({ length: 4 }, (_, i) => testEvent({ event_id: `x${i}` })));
  const letters = await herald.store.listDeadLetters();
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), ['delivered', 'dead_lettered', 'dead_lettered', 'dead_lettered']);
  assert.deepEqual(letters.map((l) => l.event.event_id).sort(), ['x1', 'x2', 'x3']);
  assert.ok(letters.every((l) => l.reason === 'permanent:http 400 from http://127.0.0.1:' + receiver.port + '/***: invalid_payload' || l.reason.endsWith('invalid_payload')));
});

test('digest: false sends one by one at the rate limit', async () => {
  receiver.requests.length = 0;
  receiver.script([]);
  const herald = await openTestHerald(slack('      digest: false\n'));
  const outcomes = await herald.send(Array.from({ length: 3 }, (_, i) => testEvent({ event_id: `n${i}` })));
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), ['delivered', 'delivered', 'delivered']);
  assert.equal(receiver.requests.length, 3);
  // Arrival times include the first request's connection set-up, hence a little below 600.
  assert.ok(receiver.requests[2]!.at - receiver.requests[0]!.at >= 500, 'two waits of the 300 ms window');
});
