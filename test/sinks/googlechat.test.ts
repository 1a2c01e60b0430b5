import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { fakeTime } from '../support/fake-time.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { GOOGLECHAT_TEXT_LIMIT } from '../../src/sinks/googlechat.js';

const receiver = await startReceiver({ status: 200, json: { name: 'spaces/AAAA/messages/x.y', thread: { name: 'spaces/AAAA/threads/t' } } });
after(() => receiver.close());

const KEY = 'AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI';
const TOKEN = 'Q7k4tokenGoogleChatWebhookSecret0123456789';
const HOOK_PATH = `/v1/spaces/AAAAx1y2z3/messages?key=${KEY}&token=${TOKEN}`;
const REPLY = 'messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';
const config = (extra = '') => `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, jitter: 0}
  sinks:
    - id: gchat
      kind: googlechat
      webhook_url: \${GCHAT_URL}
${extra}`;
const env = { GCHAT_URL: `${receiver.url}${HOOK_PATH}` };

test('text by default, in the thread of the run and task, with the reply option on the URL', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(), { env });
  const event = testEvent({ title: 'Build *main* <users/all>', body: 'see <https://evil|here>', run_id: 'run-42', details: { run_url: 'https://ci.example.com/runs/42' } });
  const [outcome] = await herald.send([event]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, `${HOOK_PATH}&${REPLY}`);
  assert.match(String(req.headers['content-type']), /^application\/json/);
  await assertGolden(import.meta.url, 'googlechat-text', req.json);
  assert.deepEqual(req.json, {
    text: '❌ *Build ∗main∗ <\u200busers/all>*\nsee <\u200bhttps://evil|here>\n<https://ci.example.com/runs/42|Open the run>',
    thread: { threadKey: 'run-42/t-1' },
  });
});

test('format: rich sends a cardsV2 card: header, escaped body, facts with the severity colour, run button', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      format: rich\n      conversation: "{{labels.repo}}#{{run_id}}"\n'), { env });
  await herald.send([testEvent({ title: 'Nightly', body: 'a < b & c\nline 2', severity: 'warning', run_id: 'r1', labels: { repo: 'acme/app' }, details: { run_url: 'https://ci.example.com/runs/1' } })]);
  await herald.close();
  const req = receiver.requests[0]!;
  await assertGolden(import.meta.url, 'googlechat-card', req.json);
  const body = req.json as { thread: { threadKey: string }; cardsV2: { cardId: string; card: { header: { title: string }; sections: { widgets: Record<string, any>[] }[] } }[] };
  assert.equal(body.thread.threadKey, 'acme/app#r1', 'the conversation template names the thread');
  const card = body.cardsV2[0]!.card;
  assert.equal(card.header.title, '⚠️ Nightly');
  assert.equal(card.sections[0]!.widgets[0]!.textParagraph.text, 'a &lt; b &amp; c<br>line 2');
  assert.ok(JSON.stringify(card).includes('<font color=\\"#F1C40F\\"><b>warning</b></font>'));
  assert.equal(card.sections[2]!.widgets[0]!.buttonList.buttons[0].onClick.openLink.url, 'https://ci.example.com/runs/1');
});

test('no thread when the event has neither run nor task, or when conversation is ""', async () => {
  receiver.requests.length = 0;
  let herald = await openTestHerald(config(), { env });
  await herald.send([testEvent({ task_id: null, run_id: null, event_id: 'no-thread' })]);
  await herald.close();
  herald = await openTestHerald(config('      conversation: ""\n'), { env });
  await herald.send([testEvent({ event_id: 'off' })]);
  await herald.close();
  for (const req of receiver.requests) {
    assert.equal(req.path, HOOK_PATH);
    assert.equal((req.json as { thread?: unknown }).thread, undefined);
  }
  assert.equal(receiver.requests.length, 2);
});

test('text is cut at 4,096 characters with the defusing counted', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(), { env });
  await herald.send([testEvent({ body: '<'.repeat(9000) })]);
  await herald.close();
  const text = (receiver.requests[0]!.json as { text: string }).text;
  assert.ok(Array.from(text).length <= GOOGLECHAT_TEXT_LIMIT);
  assert.ok(text.endsWith('<\u200b… [truncated]'));
});

test('429 RESOURCE_EXHAUSTED honours Retry-After; a 503 is retried', async () => {
  receiver.requests.length = 0;
  receiver.script([
    { status: 429, headers: { 'retry-after': '4' }, json: { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' } } },
    { status: 503, json: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } } },
  ]);
  const time = fakeTime();
  const herald = await openTestHerald(config(), { env, context: time.context });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 3);
  assert.ok(time.sleeps.includes(4000), `slept ${JSON.stringify(time.sleeps)}`);
});

test('Google\'s error status and message are permanent for a 400, and key and token never show', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 400, json: { error: { code: 400, message: 'Invalid JSON payload received. Unknown name "txt": Cannot find field.', status: 'INVALID_ARGUMENT' } } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 400 from .*: INVALID_ARGUMENT: Invalid JSON payload received/);
  for (const secret of [KEY, TOKEN]) assert.ok(!outcome!.error!.includes(secret) && !letters.includes(secret));
});

test('a burst beyond one per second is the first event plus one digest in the run\'s thread', async () => {
  receiver.requests.length = 0;
  const time = fakeTime();
  const herald = await openTestHerald(config(), { env, context: time.context });
  const events = Array.from({ length: 6 }, (_, i) => testEvent({ event_id: `burst-${i}`, title: `Shard ${i} <done>`, run_id: 'run-9', task_id: null, severity: 'info' }));
  const outcomes = await herald.send(events);
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), Array(6).fill('delivered'));
  assert.equal(receiver.requests.length, 2);
  const digest = receiver.requests[1]!.json as { text: string; thread?: { threadKey: string } };
  assert.match(digest.text, /^ℹ️ \*Herald digest: 5 events \(5 info\)\*\n\[info\] Shard 1 <\u200bdone>/);
  assert.deepEqual(digest.thread, { threadKey: 'run-9' }, 'the digest of one run stays in its thread');
});
