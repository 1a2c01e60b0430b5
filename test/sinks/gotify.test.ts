import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';

const receiver = await startReceiver({ status: 200, json: { id: 7, appid: 1, message: 'm', title: 't', priority: 8 } });
after(() => receiver.close());

const TOKEN = 'AgotifyAppTok3n.';
const config = (extra = '') => `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, backoff_factor: 2, max_delay_ms: 50, jitter: 0}
  sinks:
    - id: gotify
      kind: gotify
      url: ${receiver.url}/gotify/
      token: \${GOTIFY_TOKEN}
${extra}`;
const env = { GOTIFY_TOKEN: TOKEN };

test('posts title, plain-text message and the error priority with the token in X-Gotify-Key; the run link opens on tap', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent({ title: 'Build <main> failed', body: '**exit** 2', details: { run_url: 'https://github.com/o/r/actions/runs/1' } })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/gotify/message');
  assert.equal(req.headers['x-gotify-key'], TOKEN);
  assert.match(String(req.headers['content-type']), /^application\/json/);
  await assertGolden(import.meta.url, 'gotify-message', req.json);
  assert.deepEqual(req.json, {
    title: 'Build <main> failed',
    message: '**exit** 2',
    priority: 8,
    extras: { 'client::display': { contentType: 'text/plain' }, 'client::notification': { click: { url: 'https://github.com/o/r/actions/runs/1' } } },
  });
});

test('severity picks the priority, overridable per severity; an empty body sends the title as the message', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      priorities: {warning: 9}\n'), { env });
  await herald.send([testEvent({ severity: 'info', body: '', event_id: 'a' }), testEvent({ severity: 'warning', event_id: 'b' })]);
  await herald.close();
  const [info, warning] = receiver.requests.map((r) => r.json as { priority: number; message: string; extras: object });
  assert.equal(info!.priority, 2);
  assert.equal(info!.message, 'Task failed: t-1');
  assert.deepEqual(info!.extras, { 'client::display': { contentType: 'text/plain' } });
  assert.equal(warning!.priority, 9);
});

test('a 429 with Retry-After: 1 waits at least a second; a 502 is retried', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 429, body: 'slow down', headers: { 'retry-after': '1' } }, { status: 502, body: 'bad gateway' }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 3);
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 1000);
});

test('a 401 is permanent with Gotify\'s description, and the token appears nowhere', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 401, json: { error: 'Unauthorized', errorCode: 401, errorDescription: `you need to provide a valid access token (got ${TOKEN})` } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 401 from .*\/gotify\/message: Unauthorized: you need to provide a valid access token/);
  for (const text of [outcome!.error!, letters]) assert.ok(!text.includes(TOKEN));
});

test('a priority outside 0–10 is a config error naming the key', async () => {
  await assert.rejects(openTestHerald(config('      priorities: {error: 11}\n'), { env }), (error: Error & { describe(): string }) => {
    assert.match(error.describe(), /priorities\.error/);
    return true;
  });
});
