import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startReceiver } from '../support/receiver.js';
import { heraldWith, webhookConfig } from '../support/herald.js';
import { buildEvent } from '../../src/core/event.js';

const event = (id: string, extra: Record<string, unknown> = {}) => ({ kind: 'post_task', event_id: id, title: `t ${id}`, ...extra });

test('500, 500, then 200 is delivered on the third attempt, with failed_retrying in between', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  receiver.script([{ status: 500, body: 'boom' }, { status: 503 }, { status: 200 }]);
  const herald = await heraldWith(webhookConfig(`${receiver.url}/hook`));
  t.after(() => herald.close());
  const [outcome] = await herald.send([event('e1')]);
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 3);
  assert.equal(receiver.requests.length, 3);
  assert.deepEqual(Object.keys(receiver.requests[2]!.json as object), ['event_id', 'kind', 'title', 'body', 'severity', 'task_id', 'session_id', 'run_id', 'timestamp', 'labels', 'details']);
  assert.equal(receiver.requests[0]!.headers['content-type'], 'application/json');
});

test('a 429 with Retry-After: 1 waits at least a second before the next attempt', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  receiver.script([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
  const herald = await heraldWith(webhookConfig(receiver.url));
  t.after(() => herald.close());
  const [outcome] = await herald.send([event('e429')]);
  assert.equal(outcome!.outcome, 'delivered');
  const gap = receiver.requests[1]!.at - receiver.requests[0]!.at;
  assert.ok(gap >= 990, `second attempt came after ${gap} ms`);
});

test('a Retry-After longer than max_retry_after_ms dead-letters instead of sleeping', async (t) => {
  const receiver = await startReceiver({ status: 429, headers: { 'retry-after': '3600' } });
  t.after(() => receiver.close());
  const herald = await heraldWith(webhookConfig(receiver.url, { retry: '{max_attempts: 5, initial_delay_ms: 10, jitter: 0, max_retry_after_ms: 2000}' }));
  t.after(() => herald.close());
  const [outcome] = await herald.send([event('e-long')]);
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(receiver.requests.length, 1);
  assert.match(outcome!.error!, /asked to wait 3600 s/);
});

test('a 400 is dead-lettered at once and leaves the queue only when a replay delivers it', async (t) => {
  const receiver = await startReceiver({ status: 400, body: 'invalid_payload' });
  t.after(() => receiver.close());
  const herald = await heraldWith(webhookConfig(receiver.url));
  t.after(() => herald.close());
  const [outcome] = await herald.send([event('e400')]);
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 400 .*invalid_payload/);
  const letters = await herald.store.listDeadLetters();
  assert.equal(letters.length, 1);
  assert.match(letters[0]!.reason, /^permanent:http 400/);
  // The raw record keeps Bernstein's sorted-key shape.
  const raw = (await readFile(join(herald.dir, '.herald/state/dead_letter.jsonl'), 'utf8')).trim();
  assert.deepEqual(Object.keys(JSON.parse(raw)), ['attempts', 'event', 'id', 'reason', 'sink_id', 'ts']);
  assert.match(raw, /^\{"attempts": 1, "event": \{"body": "", "details": \{\}, "event_id": "e400"/);

  const sink = herald.config.sinks[0]!;
  assert.equal((await herald.deliver([letters[0]!.event], { sinkIds: [sink.config.id], deadLetter: false }))[0]!.outcome, 'failed_permanent');
  receiver.setFallback({ status: 200 });
  assert.equal((await herald.deliver([letters[0]!.event], { sinkIds: [sink.config.id], deadLetter: false }))[0]!.outcome, 'delivered');
});

test('sinks run concurrently: a slow sink does not hold back a fast one, and each keeps event order', async (t) => {
  const slow = await startReceiver({ status: 200, delayMs: 400 });
  const fast = await startReceiver({ status: 200 });
  t.after(() => Promise.all([slow.close(), fast.close()]));
  const herald = await heraldWith(webhookConfig(slow.url, { extraSinks: `    - id: quick\n      kind: webhook\n      url: ${fast.url}\n` }));
  t.after(() => herald.close());
  const sending = herald.send([event('a'), event('b'), event('c')]);
  await fast.waitFor(3, 5000);
  assert.ok(slow.requests.length < 3, 'the fast sink finished while the slow one was still working');
  const outcomes = await sending;
  assert.equal(outcomes.filter((o) => o.outcome === 'delivered').length, 6);
  assert.deepEqual(slow.requests.map((r) => (r.json as { event_id: string }).event_id), ['a', 'b', 'c']);
  assert.deepEqual(fast.requests.map((r) => (r.json as { event_id: string }).event_id), ['a', 'b', 'c']);
});

test('dedup is per sink and recorded only after success', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  receiver.script([{ status: 500 }, { status: 500 }, { status: 500 }]);
  const herald = await heraldWith(webhookConfig(receiver.url));
  t.after(() => herald.close());
  assert.equal((await herald.send([event('d1')]))[0]!.outcome, 'dead_lettered');
  assert.equal((await herald.send([event('d1')]))[0]!.outcome, 'delivered', 'a failed delivery did not block a later one');
  const again = await herald.send([event('d1')]);
  assert.equal(again[0]!.outcome, 'deduplicated');
  assert.equal(again[0]!.attempts, 0);
  // An event without an id never dedups.
  await herald.send([event('')]);
  assert.equal((await herald.send([event('')]))[0]!.outcome, 'delivered');
});

test('filters: events × severities × match_labels, AND-combined; null is all, [] is none', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const herald = await heraldWith(
    webhookConfig(receiver.url, {
      sinkExtra: '      events: [post_task, "infer_*"]\n      severities: [error]\n      match_labels: {team: [platform, "data-*"]}\n',
      extraSinks: `    - {id: none, kind: webhook, url: "${receiver.url}/none", events: []}\n`,
    }),
  );
  t.after(() => herald.close());
  const outcomes = await herald.send([
    event('f1', { severity: 'error', labels: { team: 'platform' } }),
    event('f2', { severity: 'info', labels: { team: 'platform' } }),
    event('f3', { kind: 'pre_task', severity: 'error', labels: { team: 'platform' } }),
    event('f4', { kind: 'infer_feature_bundle_complete', severity: 'error', labels: { team: 'data-eng' } }),
    event('f5', { severity: 'error', labels: { team: 'web' } }),
    event('f6', { severity: 'error' }),
  ]);
  const hook = outcomes.filter((o) => o.sink_id === 'hook').map((o) => `${o.event_id}:${o.outcome}`);
  assert.deepEqual(hook, ['f1:delivered', 'f2:filtered', 'f3:filtered', 'f4:delivered', 'f5:filtered', 'f6:filtered']);
  assert.ok(outcomes.filter((o) => o.sink_id === 'none').every((o) => o.outcome === 'filtered'));
  assert.equal(receiver.requests.length, 2);
});

test('a timeout and a connection reset are transient and retried', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  receiver.script([{ reset: true }, { delayMs: 1500 }, { status: 204 }]);
  const herald = await heraldWith(webhookConfig(receiver.url, { sinkExtra: '      timeout_s: 0.3\n' }));
  t.after(() => herald.close());
  const [outcome] = await herald.send([event('tr')]);
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 3);
});

test('a redirect is not followed and counts as permanent', async (t) => {
  const receiver = await startReceiver({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
  t.after(() => receiver.close());
  const herald = await heraldWith(webhookConfig(receiver.url));
  t.after(() => herald.close());
  const [outcome] = await herald.send([event('r1')]);
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(receiver.requests.length, 1);
});

test('with an audit key every outcome lands on a verifiable HMAC chain', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  receiver.script([{ status: 500 }, { status: 200 }]);
  const herald = await heraldWith(webhookConfig(receiver.url, { top: '  audit: {key: "${AUDIT_KEY}"}\n' }), { AUDIT_KEY: 'a-very-secret-audit-key-123' });
  t.after(() => herald.close());
  await herald.send([event('au1'), event('au1')]);
  const { verifyChain } = await import('../../src/dispatch/audit.js');
  const result = await verifyChain('a-very-secret-audit-key-123', herald.store.readAudit());
  assert.deepEqual(result, { ok: true, count: 3 }); // failed_retrying, delivered, deduplicated
});

test('notifications.enabled: false filters every event; herald test still reaches the sink', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const herald = await heraldWith(webhookConfig(receiver.url, { top: '  enabled: false\n' }));
  t.after(() => herald.close());
  assert.equal((await herald.send([event('off1')]))[0]!.outcome, 'filtered');
  assert.equal(receiver.requests.length, 0);
  const sink = herald.config.sinks[0]!;
  assert.equal((await herald.deliver([buildEvent(event('off2'), 1)], { sinkIds: [sink.config.id], ignoreFilters: true }))[0]!.outcome, 'delivered');
});

test('a dead endpoint opens the circuit: after 3 failed deliveries the rest are dead-lettered at once, none lost', async (t) => {
  const { freePort } = await import('../support/redis.js');
  const port = await freePort(); // nothing listens: every connect is refused
  const herald = await heraldWith(webhookConfig(`http://127.0.0.1:${port}/hook`));
  t.after(() => herald.close());
  const outcomes = await herald.send(Array.from({ length: 1000 }, (_, i) => event(`dead-${i}`)));
  assert.equal(outcomes.length, 1000);
  assert.ok(outcomes.every((o) => o.outcome === 'dead_lettered'), 'every event kept');
  const attempted = outcomes.filter((o) => o.attempts > 0);
  assert.equal(attempted.length, 3, 'only the deliveries before the circuit opened were retried');
  assert.match(outcomes[3]!.error!, /^circuit open: 3 deliveries in a row failed \(last: http error for .*ECONNREFUSED.*\); not attempted/);
  assert.equal((await herald.store.listDeadLetters()).length, 1000);
});

test('the circuit tries again after its cool-down and closes when the endpoint is back', async () => {
  const { CircuitBreaker } = await import('../../src/dispatch/circuit.js');
  const breaker = new CircuitBreaker(2, 1000);
  breaker.failed(0, 'down');
  assert.equal(breaker.refusal(1), undefined, 'one failure does not open it');
  breaker.failed(1, 'down');
  assert.match(breaker.refusal(500)!, /circuit open: 2 deliveries in a row failed \(last: down\)/);
  assert.equal(breaker.refusal(1001), undefined, 'the trial after the cool-down');
  breaker.failed(1001, 'still down');
  assert.match(breaker.refusal(1500)!, /last: still down/);
  breaker.succeeded();
  assert.equal(breaker.refusal(1600), undefined, 'a success closes it');
});

test('with the default dedup bound, the first of 3,000 events sent again inside the window is deduplicated', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const herald = await heraldWith(webhookConfig(receiver.url));
  t.after(() => herald.close());
  assert.equal(herald.config.block.dedup_lru_size, 200_000);
  const first = await herald.send(Array.from({ length: 3000 }, (_, i) => event(`bulk-${i}`)));
  assert.equal(first.filter((o) => o.outcome === 'delivered').length, 3000);
  const [again] = await herald.send([event('bulk-0')]);
  assert.equal(again!.outcome, 'deduplicated');
  assert.equal(receiver.requests.length, 3000);
});
