import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { discordEmbed } from '../../src/sinks/discord.js';

const receiver = await startReceiver({ status: 204 });
after(() => receiver.close());

const config = `notifications:
  sinks:
    - id: discord
      kind: discord
      webhook_url: ${receiver.url}/api/webhooks/123/tok
      username: herald
      avatar_url: https://example.org/a.png
`;

test('one embed coloured by severity, mentions disabled', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config);
  const outcomes = await herald.send([
    testEvent({ event_id: 'd1', severity: 'error', title: '@everyone build failed', body: 'exit 2' }),
    testEvent({ event_id: 'd2', severity: 'warning', body: '' }),
    testEvent({ event_id: 'd3', severity: 'info' }),
  ]);
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), ['delivered', 'delivered', 'delivered']);
  assert.equal(receiver.requests[0]!.path, '/api/webhooks/123/tok');
  await assertGolden(import.meta.url, 'discord-error', receiver.requests[0]!.json);
  const colours = receiver.requests.map((r) => (r.json as { embeds: { color: number }[] }).embeds[0]!.color);
  assert.deepEqual(colours, [15158332, 15844367, 3447003]);
  assert.equal('description' in (receiver.requests[1]!.json as { embeds: object[] }).embeds[0]!, false, 'an empty description is left out');
});

test('limits are counted in characters and a surrogate pair is never split', () => {
  const emoji = '😀'; // two UTF-16 units, one character
  const embed = discordEmbed(emoji.repeat(300), emoji.repeat(5000), 'info');
  assert.equal(Array.from(embed.title).length, 256);
  assert.equal(Array.from(embed.description!).length, 4096);
  assert.ok(embed.title.endsWith('… [truncated]'));
  assert.doesNotMatch(embed.title + embed.description, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, 'no lone high surrogate');
  assert.ok(Array.from(embed.title).length + Array.from(embed.description!).length <= 6000);
});

test('a 429 with JSON retry_after 1.2 waits at least 1.2 s', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 429, json: { message: 'You are being rate limited.', retry_after: 1.2, global: false }, headers: { 'retry-after': '1' } }, { status: 204 }]);
  const herald = await openTestHerald(config);
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 1200);
});

test('X-RateLimit-Remaining: 0 makes the next send wait for Reset-After', async () => {
  receiver.requests.length = 0;
  receiver.script([
    { status: 204, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '1.5', 'x-ratelimit-limit': '5' } },
    { status: 204, headers: { 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '2' } },
  ]);
  const herald = await openTestHerald(config.replace('username: herald', 'digest: false'));
  const outcomes = await herald.send([testEvent({ event_id: 'r1' }), testEvent({ event_id: 'r2' })]);
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), ['delivered', 'delivered']);
  assert.equal(receiver.requests.length, 2, 'no 429 was provoked');
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 1500);
});

test('an unknown webhook (404) is permanent', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 404, json: { message: 'Unknown Webhook', code: 10015 } }]);
  const herald = await openTestHerald(config);
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.match(outcome!.error!, /Unknown Webhook/);
  assert.doesNotMatch(outcome!.error!, /webhooks\/123\/tok/);
});
