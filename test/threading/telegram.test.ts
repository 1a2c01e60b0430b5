import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTelegramDouble } from '../support/chat-doubles.js';
import { FAST_RETRY, runEvent, sharedFolder } from './harness.js';

const telegram = await startTelegramDouble();
after(() => telegram.close());

const config = (threading: string, extra = '') => `notifications:
  retry: ${FAST_RETRY}
  sinks:
    - id: tg
      kind: telegram
      token: "123:secret"
      chat_id: "-100200"
      api_base_url: ${telegram.url}
      threading: ${threading}
      rate_limit: null
${extra}`;

test('pre_task then post_task from two Heralds: sendMessage once, then editMessageText', async () => {
  telegram.reset();
  const shared = await sharedFolder(config('update'));
  const first = await shared.open();
  await first.deliver([runEvent({ kind: 'pre_task', title: 'Sampling started' })]);
  await first.close();
  const second = await shared.open();
  const [outcome] = await second.deliver([runEvent({ kind: 'post_task', title: 'Sampling done' })]);
  await second.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.deepEqual(telegram.calls, { sendMessage: 1, editMessageText: 1 });
  const edit = telegram.receiver.requests[1]!.json as Record<string, unknown>;
  assert.deepEqual({ chat_id: edit.chat_id, message_id: edit.message_id, parse_mode: edit.parse_mode }, { chat_id: -100200, message_id: 10, parse_mode: 'HTML' });
  assert.equal(telegram.parents()[0]!.body.text, '<b>Sampling done</b>');
});

test('"message is not modified" counts as delivered', async () => {
  telegram.reset();
  const shared = await sharedFolder(config('update'));
  const herald = await shared.open();
  await herald.deliver([runEvent({ kind: 'pre_task', title: 'same', event_id: 'e-1' })]);
  const [outcome] = await herald.deliver([runEvent({ kind: 'pre_task', title: 'same', event_id: 'e-2' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 1);
  assert.equal(telegram.calls.editMessageText, 1);
});

test('update_and_reply: a failure edits the parent and replies with reply_parameters', async () => {
  telegram.reset();
  const shared = await sharedFolder(config('update_and_reply', '      reply_on: [error]\n'));
  const herald = await shared.open();
  await herald.deliver([runEvent({ kind: 'pre_task', title: 'started' })]);
  await herald.deliver([runEvent({ kind: 'post_task', title: 'failed: exit 1', outcome: 'failed' })]);
  await herald.close();
  const [parent] = telegram.parents();
  assert.equal(parent!.body.text, '<b>failed: exit 1</b>');
  const replies = telegram.replies(parent!.id);
  assert.equal(replies.length, 1);
  assert.deepEqual(replies[0]!.body.reply_parameters, { message_id: Number(parent!.id), allow_sending_without_reply: true });
});

test('"message to edit not found" posts a fresh parent', async () => {
  telegram.reset();
  const shared = await sharedFolder(config('update'));
  const herald = await shared.open();
  await herald.deliver([runEvent({ kind: 'pre_task', title: 'started' })]);
  telegram.remove(telegram.parents()[0]!.id);
  const [outcome] = await herald.deliver([runEvent({ kind: 'post_task', title: 'done' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.deepEqual(telegram.parents().map((m) => m.body.text), ['<b>done</b>']);
  assert.doesNotMatch(JSON.stringify(shared.warnings), /123:secret/);
});
