import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { fakeTime } from '../support/fake-time.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { WEBEX_MARKDOWN_BYTES } from '../../src/sinks/webex.js';

const receiver = await startReceiver({ status: 200, json: { id: 'Y2lzY29zcGFyazovL3VzL01FU1NBR0UvMQ', roomId: 'room-1' } });
after(() => receiver.close());

const TOKEN = 'NjQ5YWI0webexBotTokenSecret_PF84_1eb65fdf';
const config = `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, jitter: 0}
  sinks:
    - id: webex
      kind: webex
      token: \${WEBEX_BOT_TOKEN}
      room_id: Y2lzY29zcGFyazovL3VzL1JPT00vb3Bz
      api_base_url: ${receiver.url}/v1
`;
const env = { WEBEX_BOT_TOKEN: TOKEN };

test('POST /messages with the bearer token and escaped markdown: title, body, facts, run link', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config, { env });
  const [outcome] = await herald.send([testEvent({ title: 'Deploy <@all> *now*', body: 'exit 2 _x_', run_id: 'r-3', details: { run_url: 'https://ci.example.com/runs/3' } })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/v1/messages');
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  assert.match(String(req.headers['content-type']), /^application\/json/);
  await assertGolden(import.meta.url, 'webex-markdown', req.json);
  assert.deepEqual(req.json, {
    roomId: 'Y2lzY29zcGFyazovL3VzL1JPT00vb3Bz',
    markdown: '❌ **Deploy \\<@\u200ball\\> \\*now\\***\n\nexit 2 \\_x\\_\n\nEvent: post\\_task · Severity: error · Task: t-1 · Session: s-1 · Run: r-3\n\n[Open the run](https://ci.example.com/runs/3)',
  });
});

test('markdown stays within 7,439 bytes, cut before escaping and never inside a character', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config, { env });
  await herald.send([testEvent({ body: '_é'.repeat(6000) })]);
  await herald.close();
  const markdown = (receiver.requests[0]!.json as { markdown: string }).markdown;
  assert.ok(Buffer.byteLength(markdown) <= WEBEX_MARKDOWN_BYTES, `${Buffer.byteLength(markdown)} bytes`);
  assert.match(markdown, /(\\_é)+(\\_)?… \[truncated\]\n\nEvent:/);
});

test('429 and 423 wait for Retry-After; a 500 is retried', async () => {
  receiver.requests.length = 0;
  receiver.script([
    { status: 429, headers: { 'retry-after': '7' }, json: { message: 'Too Many Requests', trackingId: 'ROUTER_1' } },
    { status: 423, headers: { 'retry-after': '2' }, json: { message: 'Resource is locked', trackingId: 'ROUTER_2' } },
    { status: 500, json: { message: 'Internal Server Error', trackingId: 'ROUTER_3' } },
  ]);
  const time = fakeTime();
  const herald = await openTestHerald(config.replace('max_attempts: 3', 'max_attempts: 4'), { env, context: time.context });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 4);
  assert.ok(time.sleeps.includes(7000) && time.sleeps.includes(2000), `slept ${JSON.stringify(time.sleeps)}`);
});

test('Webex\'s error message, description and trackingId reach the outcome; a 404 is permanent; the token never shows', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 404, json: { message: 'Could not find a room with provided ID.', errors: [{ description: 'Could not find a room with provided ID.' }], trackingId: 'ROUTER_6512' } }]);
  const herald = await openTestHerald(config, { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 404 from .*\/v1\/messages: Could not find a room with provided ID\. \[trackingId ROUTER_6512\]$/);
  assert.ok(!outcome!.error!.includes(TOKEN) && !letters.includes(TOKEN));
});

test('a webex sink without room_id, or an ntfy url without a topic, is a config error naming the key', async () => {
  await assert.rejects(
    openTestHerald(`notifications:\n  sinks:\n    - {id: webex, kind: webex, token: abcdef123456}\n    - {id: phone, kind: ntfy, url: "https://ntfy.sh/"}\n`),
    (error: Error & { describe?: () => string }) => {
      const text = error.describe?.() ?? error.message;
      assert.match(text, /notifications\.sinks\[0\]\.room_id/);
      assert.match(text, /webex sink requires 'room_id'/);
      assert.match(text, /notifications\.sinks\[1\]\.url/);
      assert.match(text, /topic URL such as https:\/\/ntfy\.sh\/my-topic/);
      return true;
    },
  );
});
