import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { fakeTime } from '../support/fake-time.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { MATTERMOST_TEXT_LIMIT } from '../../src/sinks/mattermost.js';

const receiver = await startReceiver({ status: 200, body: 'ok' });
after(() => receiver.close());

const HOOK_KEY = 'xq9generatedkey4mattermost';
const config = (extra = '') => `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, jitter: 0}
  sinks:
    - id: mm
      kind: mattermost
      webhook_url: \${MM_HOOK}
      channel: town-square
      username: herald
      icon_url: https://example.com/herald.png
${extra}`;
const env = { MM_HOOK: `${receiver.url}/hooks/${HOOK_KEY}` };

test('posts the title line and a severity-coloured attachment with body, facts and run link, escaped', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(), { env });
  const event = testEvent({ title: 'Deploy *prod* [main] @channel', body: 'a_b <c> # d', run_id: 'r-7', labels: { repo: 'acme/app' }, details: { run_url: 'https://github.com/acme/app/actions/runs/7' } });
  const [outcome] = await herald.send([event]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, `/hooks/${HOOK_KEY}`);
  assert.match(String(req.headers['content-type']), /^application\/json/);
  await assertGolden(import.meta.url, 'mattermost-attachment', req.json);
  const body = req.json as { text: string; attachments: { color: string; text: string; title_link: string }[] };
  assert.equal(body.text, '❌ **Deploy \\*prod\\* \\[main\\] @\u200bchannel**');
  assert.equal(body.attachments[0]!.color, '#E74C3C');
  assert.equal(body.attachments[0]!.text, 'a\\_b \\<c\\> \\# d');
  assert.equal(body.attachments[0]!.title_link, 'https://github.com/acme/app/actions/runs/7');
});

test('a body past 16,383 characters is cut so the escaped post still fits', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(), { env });
  await herald.send([testEvent({ body: '*'.repeat(40_000) })]);
  await herald.close();
  const body = receiver.requests[0]!.json as { text: string; attachments: { text: string }[] };
  const text = body.attachments[0]!.text;
  assert.ok(Array.from(body.text).length + Array.from(text).length <= MATTERMOST_TEXT_LIMIT);
  assert.ok(text.endsWith('… [truncated]'));
  assert.match(text, /^(\\\*)+… \[truncated\]$/, 'no escape is cut in half');
});

test('a 429 with Retry-After: 2 waits two seconds, then delivers', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 429, json: { id: 'api.context.rate_limited', message: 'Too many requests' }, headers: { 'retry-after': '2' } }]);
  const time = fakeTime();
  const herald = await openTestHerald(config(), { env, context: time.context });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 2);
  assert.ok(time.sleeps.includes(2000), `slept ${JSON.stringify(time.sleeps)}`);
});

test('a 503 is retried and then delivered', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 503, body: 'upstream down' }]);
  const time = fakeTime();
  const herald = await openTestHerald(config(), { env, context: time.context });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(receiver.requests.length, 2);
});

test('Mattermost\'s JSON error is permanent, reaches the outcome, and the hook key never does', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 400, json: { id: 'web.incoming_webhook.channel.app_error', message: "Couldn't find the channel.", detailed_error: '', status_code: 400 } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 400 from .*: Couldn't find the channel\. \(web\.incoming_webhook\.channel\.app_error\)$/);
  assert.ok(!outcome!.error!.includes(HOOK_KEY) && !letters.includes(HOOK_KEY));
});
