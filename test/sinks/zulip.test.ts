import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { ZULIP_CONTENT_LIMIT, zulipContent } from '../../src/sinks/zulip.js';

const receiver = await startReceiver({ status: 200, json: { result: 'success', msg: '', id: 42 } });
after(() => receiver.close());

const KEY = 'zUl1pApiKeyValue0123456789abcdef';
const EMAIL = 'herald-bot@example.zulipchat.com';
const config = (extra = '') => `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, backoff_factor: 2, max_delay_ms: 50, jitter: 0}
  sinks:
    - id: zulip
      kind: zulip
      site: ${receiver.url}
      email: ${EMAIL}
      api_key: \${ZULIP_KEY}
      stream: ops
${extra}`;
const env = { ZULIP_KEY: KEY };
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

test('posts a form-encoded channel message with basic auth, the title escaped and the body in a code block', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent({ title: 'Deploy *prod* @**all** [x](y)', body: 'line `1`\n**not bold**' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/api/v1/messages');
  assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(req.headers.authorization, `Basic ${Buffer.from(`${EMAIL}:${KEY}`).toString('base64')}`);
  await assertGolden(import.meta.url, 'zulip-message', form(req.body));
  assert.deepEqual(form(req.body), {
    type: 'stream',
    to: 'ops',
    topic: 't-1',
    content: 'Deploy \\*prod\\* @\\*\\*all\\*\\* \\[x\\](y)'.replace(/^/, '**') + '**\n```text\nline `1`\n**not bold**\n```',
  });
});

test('the topic is a template over the event, cut at 60 characters; without one it is the task id, else the kind', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      topic: "{{labels.repo}} / {{kind}}"\n'), { env });
  await herald.send([testEvent({ labels: { repo: 'r'.repeat(80) } })]);
  await herald.close();
  const topic = form(receiver.requests[0]!.body).topic!;
  assert.equal(Array.from(topic).length, 60);
  assert.ok(topic.endsWith('…'));
  const plain = await openTestHerald(config(), { env });
  await plain.send([testEvent({ task_id: null, event_id: 'ev-2' })]);
  await plain.close();
  assert.equal(form(receiver.requests[1]!.body).topic, 'post_task');
});

test('a body holding ``` gets a longer fence, and long text is cut to 10,000 characters', () => {
  assert.match(zulipContent('T', 'a ``` b'), /\n````text\na ``` b\n````$/);
  const long = zulipContent('T', '😀'.repeat(20_000));
  assert.equal(Array.from(long).length, ZULIP_CONTENT_LIMIT);
  assert.match(long, /… \[truncated\]\n```$/);
});

test('RATE_LIMIT_HIT waits the body\'s retry-after, then delivers', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 429, json: { result: 'error', code: 'RATE_LIMIT_HIT', msg: 'API usage exceeded rate limit', 'retry-after': 1.1 } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 2);
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 1100);
});

test('a 503 is retried', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 503, body: 'unavailable' }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 2);
});

test('an unknown channel is permanent with Zulip\'s code and msg, and the API key appears nowhere', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 400, json: { result: 'error', code: 'STREAM_DOES_NOT_EXIST', msg: `Channel 'ops' does not exist (${KEY})`, stream: 'ops' } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 400 from .*\/api\/v1\/messages: STREAM_DOES_NOT_EXIST: Channel 'ops' does not exist/);
  for (const text of [outcome!.error!, letters]) assert.ok(!text.includes(KEY));
});

test('the Basic credential Zulip is sent is redacted when a server echoes it back', async () => {
  const { basicCredential } = await import('../../src/sinks/http.js');
  // A server answering with the request's own Authorization header, as a debugging proxy might.
  const echo = await startReceiver((req) => ({ status: 400, body: `bad request: authorization ${String(req.headers.authorization)}` }));
  try {
    const herald = await openTestHerald(`notifications:\n  retry: {max_attempts: 1}\n  sinks:\n    - {id: zulip, kind: zulip, site: "${echo.url}", email: bot@example.org, api_key: "\${ZULIP_KEY}", stream: ops}\n`, { env: { ZULIP_KEY: 'zk-9f8e7d6c5b4a39281706' } });
    const [outcome] = await herald.send([testEvent()]);
    await herald.close();
    const credential = basicCredential('bot@example.org', 'zk-9f8e7d6c5b4a39281706');
    assert.equal(echo.requests[0]!.headers.authorization, `Basic ${credential}`);
    assert.equal(herald.ctx.redactor.redact(`Authorization: Basic ${credential}`).includes(credential), false);
    assert.equal(outcome!.outcome, 'dead_lettered');
    assert.ok(!JSON.stringify(outcome).includes(credential), JSON.stringify(outcome));
  } finally {
    await echo.close();
  }
});
