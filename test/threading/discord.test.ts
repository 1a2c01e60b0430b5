import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDiscordDouble } from '../support/chat-doubles.js';
import { FAST_RETRY, runEvent, sharedFolder } from './harness.js';

const discord = await startDiscordDouble();
after(() => discord.close());

const config = (threading: string, url = discord.url) => `notifications:
  retry: ${FAST_RETRY}
  sinks:
    - id: discord
      kind: discord
      webhook_url: ${url}
      username: herald
      threading: ${threading}
      rate_limit: null
`;

const titleOf = (body: Record<string, unknown>) => (body.embeds as { title: string }[])[0]!.title;

test('pre_task then post_task from two Heralds: one message posted with ?wait=true, then PATCHed', async () => {
  discord.reset();
  const shared = await sharedFolder(config('update'));
  const first = await shared.open();
  await first.deliver([runEvent({ kind: 'pre_task', title: 'Build started' })]);
  await first.close();
  const second = await shared.open();
  const [outcome] = await second.deliver([runEvent({ kind: 'post_task', title: 'Build failed', outcome: 'failed' })]);
  await second.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.deepEqual(discord.calls, { post: 1, patch: 1 });
  const [post, patch] = discord.receiver.requests;
  assert.match(post!.path, /\/api\/webhooks\/1\/tok\?wait=true$/);
  assert.match(patch!.path, /\/api\/webhooks\/1\/tok\/messages\/5000$/);
  assert.equal((patch!.json as Record<string, unknown>).username, undefined, 'an edit carries content only');
  const [message] = discord.parents();
  assert.equal(titleOf(message!.body), 'Build failed');
  assert.equal((message!.body.embeds as { color: number }[])[0]!.color, 15158332);
});

test('a thread_id in the webhook URL stays on the post and the edit', async () => {
  discord.reset();
  const shared = await sharedFolder(config('update', `${discord.url}?thread_id=77`));
  const herald = await shared.open();
  await herald.deliver([runEvent({ kind: 'pre_task' })]);
  await herald.deliver([runEvent({ kind: 'post_task' })]);
  await herald.close();
  const [post, patch] = discord.receiver.requests;
  assert.match(post!.path, /\?thread_id=77&wait=true$/);
  assert.match(patch!.path, /\/messages\/\d+\?thread_id=77$/);
});

test('404 Unknown Message (10008) posts a fresh parent that later events edit', async () => {
  discord.reset();
  const shared = await sharedFolder(config('update'));
  const herald = await shared.open();
  await herald.deliver([runEvent({ kind: 'pre_task', title: 'started' })]);
  discord.remove(discord.parents()[0]!.id);
  const [outcome] = await herald.deliver([runEvent({ kind: 'post_task', title: 'halfway', event_id: 'e-2' })]);
  await herald.deliver([runEvent({ kind: 'post_task', title: 'done', event_id: 'e-3' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(discord.parents().length, 1);
  assert.equal(titleOf(discord.parents()[0]!.body), 'done');
  assert.deepEqual(discord.calls, { post: 2, patch: 2 });
});

test('reply mode: later events go out as follow-up messages, the parent stays', async () => {
  discord.reset();
  const shared = await sharedFolder(config('reply'));
  const herald = await shared.open();
  await herald.deliver([runEvent({ kind: 'pre_task', title: 'started' })]);
  await herald.deliver([runEvent({ kind: 'post_task', title: 'done' })]);
  await herald.close();
  assert.deepEqual(discord.calls, { post: 2 });
  assert.deepEqual(discord.parents().map((m) => titleOf(m.body)), ['started', 'done']);
});
