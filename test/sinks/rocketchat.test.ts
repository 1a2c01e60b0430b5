import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { fakeTime } from '../support/fake-time.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { ROCKETCHAT_TEXT_LIMIT } from '../../src/sinks/rocketchat.js';

const receiver = await startReceiver({ status: 200, json: { success: true } });
after(() => receiver.close());

const HOOK_PATH = '/hooks/6Fh3integration/Zr8tokenRocketChatSecret';
const config = (extra = '') => `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, jitter: 0}
  sinks:
    - id: rc
      kind: rocketchat
      webhook_url: \${RC_HOOK}
      channel: "#ops"
${extra}`;
const env = { RC_HOOK: `${receiver.url}${HOOK_PATH}` };

test('posts a *bold* title line and a coloured attachment, escaped, to the integration URL', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      username: herald\n'), { env });
  const [outcome] = await herald.send([testEvent({ title: 'Nightly *build* @all', body: 'see `log` > here', severity: 'warning', details: { run_url: 'https://ci.example.com/runs/9' } })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, HOOK_PATH);
  assert.match(String(req.headers['content-type']), /^application\/json/);
  await assertGolden(import.meta.url, 'rocketchat-attachment', req.json);
  const body = req.json as { text: string; channel: string; username: string; attachments: { color: string; text: string; title_link: string }[] };
  assert.equal(body.text, '⚠️ *Nightly \\*build\\* @\u200ball*');
  assert.equal(body.attachments[0]!.color, '#F1C40F');
  assert.equal(body.attachments[0]!.text, 'see \\`log\\` \\> here');
  assert.equal(body.attachments[0]!.title_link, 'https://ci.example.com/runs/9');
  assert.equal(body.channel, '#ops');
  assert.equal(body.username, 'herald');
});

test('the message stays within the default 5,000 characters, or max_message_chars', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      max_message_chars: 600\n'), { env });
  await herald.send([testEvent({ body: 'y'.repeat(9000) })]);
  await herald.close();
  const body = receiver.requests[0]!.json as { text: string; attachments: { text: string }[] };
  assert.equal(Array.from(body.text).length + Array.from(body.attachments[0]!.text).length, 600);
  assert.ok(ROCKETCHAT_TEXT_LIMIT === 5000);
});

test('a 429 with X-RateLimit-Reset waits until the reset, then delivers', async () => {
  receiver.requests.length = 0;
  const time = fakeTime(1_700_000_000_000);
  receiver.script([{ status: 429, json: { success: false, error: 'Error, too many requests. Please slow down. You must wait 3 seconds before trying this endpoint again. [error-too-many-requests]' }, headers: { 'x-ratelimit-reset': String(1_700_000_003_000) } }]);
  const herald = await openTestHerald(config(), { env, context: time.context });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 2);
  assert.ok(time.sleeps.includes(3000), `slept ${JSON.stringify(time.sleeps)}`);
});

test('a 429 with Retry-After: 2 waits two seconds; a 502 is retried', async () => {
  receiver.requests.length = 0;
  const time = fakeTime();
  receiver.script([{ status: 429, headers: { 'retry-after': '2' }, json: { success: false, error: 'too many' } }, { status: 502, body: 'Bad Gateway' }]);
  const herald = await openTestHerald(config(), { env, context: time.context });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 3);
  assert.ok(time.sleeps.includes(2000));
});

test('Rocket.Chat\'s error is permanent, reaches the outcome, and the token never does', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 400, json: { success: false, error: 'Invalid integration id or token provided.' } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 400 from .*: Invalid integration id or token provided\.$/);
  assert.ok(!outcome!.error!.includes('Zr8tokenRocketChatSecret') && !letters.includes('Zr8tokenRocketChatSecret'));
});
