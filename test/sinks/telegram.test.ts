import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { TELEGRAM_TEXT_LIMIT, telegramText } from '../../src/sinks/telegram.js';

const receiver = await startReceiver({ status: 200, json: { ok: true, result: { message_id: 1 } } });
after(() => receiver.close());

const TOKEN = '123456:ABC-secret-token';
const config = (extra = '') => `notifications:
  sinks:
    - id: tg
      kind: telegram
      token: \${TG_TOKEN}
      chat_id: \${TG_CHAT}
      api_base_url: ${receiver.url}
${extra}`;
const env = { TG_TOKEN: TOKEN, TG_CHAT: '-100123' };

test('sendMessage with HTML: title in <b>, text escaped, chat id as a number', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      message_thread_id: 7\n      disable_notification: true\n'), { env });
  const [outcome] = await herald.send([testEvent({ title: 'a<b> & c', body: 'x > y' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.path, `/bot${TOKEN}/sendMessage`);
  await assertGolden(import.meta.url, 'telegram-html', req.json);
  assert.deepEqual(req.json, { chat_id: -100123, text: '<b>a&lt;b&gt; &amp; c</b>\n\nx &gt; y', parse_mode: 'HTML', message_thread_id: 7, disable_notification: true });
});

test('Bernstein\'s thread_id alone is the chat', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(`notifications:
  sinks:
    - id: tg
      kind: telegram
      token: ${TOKEN}
      thread_id: "@ops_channel"
      api_base_url: ${receiver.url}
`);
  await herald.send([testEvent({ body: '' })]);
  await herald.close();
  assert.deepEqual(receiver.requests[0]!.json, { chat_id: '@ops_channel', text: '<b>Task failed: t-1</b>', parse_mode: 'HTML' });
});

test('the 4096 limit is met before escaping, so entities are never cut', () => {
  const text = telegramText('T', '&'.repeat(5000));
  const visible = text.replace(/<\/?b>/g, '').replace(/&amp;/g, '&');
  assert.equal(visible.length, TELEGRAM_TEXT_LIMIT);
  assert.ok(text.endsWith('… [truncated]'));
  assert.doesNotMatch(text.replace(/&amp;/g, ''), /&/);
});

test('parameters.retry_after is honoured', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 429, json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 1000);
});

test('403 bot blocked is permanent and the token never appears', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 403, json: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /telegram|http 403 from .*\/bot\*\*\*\/sendMessage: Forbidden: bot was blocked by the user/);
  assert.ok(!outcome!.error!.includes(TOKEN) && !letters.includes(TOKEN));
});

test('a connection error names the URL with the token replaced', async () => {
  const herald = await openTestHerald(config().replace(receiver.url, 'http://127.0.0.1:9') + '      retry: { max_attempts: 1 }\n', { env });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.match(outcome!.error!, /http error for http:\/\/127\.0\.0\.1:9\/bot\*\*\*\/sendMessage/);
});
