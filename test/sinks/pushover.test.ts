import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { PUSHOVER_LIMITS } from '../../src/sinks/pushover.js';

const receiver = await startReceiver({ status: 200, json: { status: 1, request: '647d2300-702c-4b38-8b2f-d56326ae460b' } });
after(() => receiver.close());

const TOKEN = 'azGDORePK8gMaC0QOYAMyEEuzJnyUi';
const USER = 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG';
const config = (extra = '') => `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, backoff_factor: 2, max_delay_ms: 50, jitter: 0}
  sinks:
    - id: phone
      kind: pushover
      token: \${PUSHOVER_TOKEN}
      user: \${PUSHOVER_USER}
      api_base_url: ${receiver.url}
${extra}`;
const env = { PUSHOVER_TOKEN: TOKEN, PUSHOVER_USER: USER };
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

test('form-posts token, user, title, message, high priority for an error, the event time and the run link', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      device: pixel\n      sound: siren\n'), { env });
  const [outcome] = await herald.send([testEvent({ title: 'Build <b>failed</b>', body: 'exit 2 & more', details: { run_url: 'https://github.com/o/r/actions/runs/1' } })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/1/messages.json');
  assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
  await assertGolden(import.meta.url, 'pushover-message', form(req.body));
  assert.deepEqual(form(req.body), {
    token: TOKEN,
    user: USER,
    title: 'Build <b>failed</b>',
    message: 'exit 2 & more',
    priority: '1',
    timestamp: '1700000000',
    url: 'https://github.com/o/r/actions/runs/1',
    url_title: 'Open the run',
    device: 'pixel',
    sound: 'siren',
  });
});

test('the message is cut at 1024 characters without splitting a surrogate pair; info is quiet unless overridden', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      priorities: {warning: -2}\n'), { env });
  await herald.send([testEvent({ severity: 'info', body: '😀'.repeat(2000), event_id: 'a' }), testEvent({ severity: 'warning', event_id: 'b' })]);
  await herald.close();
  const [info, warning] = receiver.requests.map((r) => form(r.body));
  assert.equal(Array.from(info!.message!).length, PUSHOVER_LIMITS.message);
  assert.ok(info!.message!.endsWith('… [truncated]'));
  assert.equal(info!.priority, '-1');
  assert.equal(warning!.priority, '-2');
});

test('a 5xx is retried', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 500, body: 'oops' }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 2);
});

test('status 0 with errors is permanent, the errors reach the outcome, and neither key appears anywhere', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 400, json: { user: 'invalid', errors: [`user identifier is not a valid user (${USER})`, 'application token is invalid'], status: 0, request: 'r-1' } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  const rendered = JSON.stringify(herald.render([testEvent()]));
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 400 from .*\/1\/messages\.json: user identifier is not a valid user .*; application token is invalid/);
  for (const text of [outcome!.error!, letters, rendered]) assert.ok(!text.includes(USER) && !text.includes(TOKEN), text);
});

test('a 429 without Retry-After is the monthly quota: permanent, saying when it resets; with Retry-After it waits', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 429, json: { status: 0, errors: ['message limit reached'] }, headers: { 'x-limit-app-reset': '1706745600' } }]);
  const herald = await openTestHerald(config(), { env });
  const [quota] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(quota!.outcome, 'dead_lettered');
  assert.equal(quota!.attempts, 1);
  assert.match(quota!.error!, /monthly message quota is used up; it resets 2024-02-01T00:00:00\.000Z \(message limit reached\)/);

  receiver.requests.length = 0;
  receiver.script([{ status: 429, body: 'busy', headers: { 'retry-after': '1' } }]);
  const again = await openTestHerald(config(), { env });
  const [waited] = await again.send([testEvent({ event_id: 'ev-2' })]);
  await again.close();
  assert.equal(waited!.outcome, 'delivered');
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 1000);
});
