import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';

const receiver = await startReceiver({ status: 202, json: { status: 'success', message: 'Event processed', dedup_key: 'k' } });
after(() => receiver.close());

const KEY = 'R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y12';
const config = (extra = '') => `notifications:
  sinks:
    - id: pd
      kind: pagerduty
      routing_key: \${PD_KEY}
      url: ${receiver.url}/v2/enqueue
${extra}`;

test('an error triggers with a task-scoped dedup key; the task\'s later success resolves it', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(), { env: { PD_KEY: KEY } });
  const outcomes = await herald.send([
    testEvent({ event_id: 'p1', severity: 'error', title: 'Task failed: t-1', body: 'exit 2', labels: { repo: 'acme/app' }, details: { exit_code: 2 } }),
    testEvent({ event_id: 'p2', severity: 'info', title: 'Task finished: t-1', body: '' }),
  ]);
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), ['delivered', 'delivered']);
  assert.equal(receiver.requests[0]!.path, '/v2/enqueue');
  await assertGolden(import.meta.url, 'pagerduty-trigger', receiver.requests[0]!.json);
  const trigger = receiver.requests[0]!.json as { dedup_key: string; event_action: string; payload: { summary: string; severity: string; timestamp: string } };
  assert.equal(trigger.event_action, 'trigger');
  assert.equal(trigger.dedup_key, 'bernstein:post_task:t-1');
  assert.equal(trigger.payload.summary, 'Task failed: t-1: exit 2');
  assert.equal(trigger.payload.timestamp, '2023-11-14T22:13:20.500Z');
  assert.deepEqual(receiver.requests[1]!.json, { routing_key: KEY, event_action: 'resolve', dedup_key: 'bernstein:post_task:t-1' });
});

test('summary is cut at 1024 characters and the dedup key at 255', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(`      dedup_key: "{{title}}"\n      severity_map: { error: critical }\n`), { env: { PD_KEY: KEY } });
  await herald.send([testEvent({ title: 'T'.repeat(400), body: 'b'.repeat(2000) })]);
  await herald.close();
  const body = receiver.requests[0]!.json as { dedup_key: string; payload: { summary: string; severity: string } };
  assert.equal(body.payload.summary.length, 1024);
  assert.ok(body.payload.summary.endsWith('… [truncated]'));
  assert.equal(body.dedup_key.length, 255);
  assert.equal(body.payload.severity, 'critical');
});

test('an event without a task triggers under its own id; 400 is permanent', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 400, json: { status: 'invalid event', message: 'Event object is invalid', errors: ['Length of \'routing_key\' is incorrect'] } }]);
  const herald = await openTestHerald(config(), { env: { PD_KEY: KEY } });
  const [outcome] = await herald.send([testEvent({ task_id: null, event_id: 'solo' })]);
  await herald.close();
  assert.equal((receiver.requests[0]!.json as { dedup_key: string }).dedup_key, 'bernstein:post_task:solo');
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.match(outcome!.error!, /Event object is invalid/);
  assert.ok(!outcome!.error!.includes(KEY));
});

test('herald render shows the envelope with the routing key redacted', async () => {
  const herald = await openTestHerald(config(), { env: { PD_KEY: KEY } });
  const { printRendered } = await import('../../src/cli/render.js');
  printRendered(herald, herald.render([testEvent()]), 'json');
  await herald.close();
  const line = JSON.parse(herald.printed[0]!) as { payload: { routing_key: string; event_action: string } };
  assert.equal(line.payload.routing_key, '***');
  assert.equal(line.payload.event_action, 'trigger');
});
