import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSlackDouble } from '../support/chat-doubles.js';
import { FAST_RETRY, progressEvent, runEvent, sharedFolder } from './harness.js';
import { createHerald } from '../../src/herald.js';
import { ConfigError } from '../../src/core/errors.js';
import { workspace } from '../support/cli.js';
import { join } from 'node:path';
import type { Outcome } from '../../src/dispatch/outcome.js';

const slack = await startSlackDouble();
after(() => slack.close());

const config = (threading: string, extra = '') => `notifications:
  retry: ${FAST_RETRY}
  sinks:
    - id: slack
      kind: slack
      token: xoxb-test-token
      channel: "#ops"
      api_base_url: ${slack.url}
      threading: ${threading}
      rate_limit: null
${extra}`;

const textOf = (body: Record<string, unknown>) => String(body.text);

test('pre_task then post_task from two separate Heralds edit one message', async () => {
  slack.reset();
  const shared = await sharedFolder(config('update'));
  const first = await shared.open();
  const [pre] = await first.deliver([runEvent({ kind: 'pre_task', title: 'Training started' })]);
  await first.close();
  const second = await shared.open();
  const [post] = await second.deliver([runEvent({ kind: 'post_task', title: 'Training finished', outcome: 'success' })]);
  await second.close();
  assert.equal(pre!.outcome, 'delivered');
  assert.equal(post!.outcome, 'delivered');
  assert.deepEqual(slack.calls, { 'chat.postMessage': 1, 'chat.update': 1 });
  const [parent] = slack.parents();
  assert.equal(slack.messages.size, 1);
  assert.equal(parent!.edits, 1);
  assert.match(textOf(parent!.body), /Training finished/);
  assert.equal(parent!.body.channel, 'C0CHANNEL', 'edits address the channel id chat.postMessage returned');
});

test('update_and_reply with reply_on [error]: a failure edits the parent and replies once', async () => {
  slack.reset();
  const shared = await sharedFolder(config('update_and_reply', '      reply_on: [error]\n'));
  const herald = await shared.open();
  await herald.deliver([runEvent({ kind: 'pre_task', title: 'job 42 started' })]);
  await herald.deliver([runEvent({ kind: 'post_task', title: 'job 42 failed: exit 3', outcome: 'failed' })]);
  await herald.close();
  const parents = slack.parents();
  assert.equal(parents.length, 1);
  assert.match(textOf(parents[0]!.body), /job 42 failed/);
  const replies = slack.replies(parents[0]!.id);
  assert.equal(replies.length, 1);
  assert.match(textOf(replies[0]!.body), /exit 3/);
});

test('200 progress events in batches edit one parent a bounded number of times and end on the last state', async () => {
  slack.reset();
  const shared = await sharedFolder(config('update'));
  const herald = await shared.open();
  const outcomes: Outcome[] = [];
  for (let start = 1; start <= 200; start += 20) {
    const batch = Array.from({ length: 20 }, (_, k) => progressEvent(start + k));
    outcomes.push(...(await herald.deliver(batch)));
  }
  await herald.close();
  const count = (name: string) => outcomes.filter((o) => o.outcome === name).length;
  assert.equal(count('delivered'), 10, 'one delivery per batch');
  assert.equal(count('superseded'), 190, 'every overtaken state is recorded, not lost');
  assert.equal(slack.parents().length, 1);
  assert.equal(slack.calls['chat.update'], 9);
  assert.match(textOf(slack.parents()[0]!.body), /100% \(200\/200\)/);
});

test('a superseded event is marked done in dedup: a replay of the batch sends nothing', async () => {
  slack.reset();
  const shared = await sharedFolder(config('update'));
  const batch = [progressEvent(1), progressEvent(2), progressEvent(3)];
  const herald = await shared.open();
  await herald.deliver(batch);
  const again = await herald.deliver(batch);
  await herald.close();
  assert.deepEqual(again.map((o) => o.outcome), ['deduplicated', 'deduplicated', 'deduplicated']);
  assert.equal(slack.calls['chat.postMessage'], 1);
});

test('a parent deleted between events gets a fresh parent, which later events edit', async () => {
  slack.reset();
  const shared = await sharedFolder(config('update'));
  const herald = await shared.open();
  await herald.deliver([runEvent({ kind: 'pre_task', title: 'started' })]);
  const [gone] = slack.parents();
  slack.remove(gone!.id);
  const [outcome] = await herald.deliver([runEvent({ kind: 'post_task', title: 'still running', event_id: 'e-2' })]);
  await herald.deliver([runEvent({ kind: 'post_task', title: 'finished', event_id: 'e-3' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const parents = slack.parents();
  assert.equal(parents.length, 1);
  assert.notEqual(parents[0]!.id, gone!.id);
  assert.equal(parents[0]!.edits, 1);
  assert.match(textOf(parents[0]!.body), /finished/);
  assert.ok(shared.warnings.some((w) => /is gone \(slack chat.update: message_not_found\)/.test(w)), shared.warnings.join('\n'));
});

test('a 429 with Retry-After and an ok:false ratelimited body are retried; invalid_auth is dead-lettered', async () => {
  slack.reset();
  const shared = await sharedFolder(config('update'));
  const herald = await shared.open();
  slack.script([{ status: 429, headers: { 'retry-after': '0' }, body: '' }, { json: { ok: false, error: 'ratelimited' } }]);
  const [first] = await herald.deliver([runEvent({ kind: 'pre_task', title: 'started' })]);
  assert.equal(first!.outcome, 'delivered');
  assert.equal(first!.attempts, 3);
  slack.script([{ json: { ok: false, error: 'invalid_auth' } }]);
  const [second] = await herald.deliver([runEvent({ kind: 'post_task', title: 'done' })]);
  await herald.close();
  assert.equal(second!.outcome, 'dead_lettered');
  assert.equal(second!.attempts, 1);
  assert.match(second!.error!, /slack chat.update: invalid_auth/);
  assert.doesNotMatch(second!.error!, /xoxb-test-token/);
});

test('the dry-run preview says create, then edit with the stored reference', async () => {
  slack.reset();
  const shared = await sharedFolder(config('update_and_reply'));
  const herald = await shared.open();
  const event = runEvent({ kind: 'pre_task', title: 'started' });
  const [before] = await herald.preview([event]);
  assert.deepEqual(before!.threading, { conversation: 'r-1/t-1', action: 'create' });
  await herald.deliver([event]);
  const [afterIt] = await herald.preview([runEvent({ kind: 'post_task', title: 'done' })]);
  await herald.close();
  assert.deepEqual(afterIt!.threading, { conversation: 'r-1/t-1', action: 'edit_and_reply', ref: { id: slack.parents()[0]!.id, channel: 'C0CHANNEL' } });
});

test('an event with neither run_id nor task_id posts a new message each time', async () => {
  slack.reset();
  const shared = await sharedFolder(config('update'));
  const herald = await shared.open();
  await herald.deliver([runEvent({ kind: 'synthetic', run_id: null, task_id: null, title: 'a', event_id: 'a' })]);
  await herald.deliver([runEvent({ kind: 'synthetic', run_id: null, task_id: null, title: 'b', event_id: 'b' })]);
  await herald.close();
  assert.equal(slack.parents().length, 2);
  assert.equal(slack.calls['chat.update'], undefined);
});

test('threading with only an incoming webhook is a config error that says webhooks cannot edit', async () => {
  const dir = await workspace({
    'herald.yml': `notifications:\n  sinks:\n    - id: slack\n      kind: slack\n      webhook_url: https://hooks.slack.com/services/T/B/X\n      threading: update\n`,
  });
  await assert.rejects(createHerald({ config: join(dir, 'herald.yml'), cwd: dir, env: {}, state: { state: 'none' } }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.describe(), /notifications\.sinks\[0\]\.threading: threading: update needs the Slack Web API: incoming webhooks cannot edit/);
    assert.match(error.describe(), /'token'/);
    return true;
  });
});

test('an unset ${VAR} for webhook_url still says the variable is not set, and a tolerant render shows the reference', async () => {
  const dir = await workspace({ 'herald.yml': `notifications:\n  sinks:\n    - id: slack\n      kind: slack\n      webhook_url: \${SLACK_WEBHOOK_URL}\n` });
  const options = { config: join(dir, 'herald.yml'), cwd: dir, env: {}, state: { state: 'none' } };
  await assert.rejects(createHerald(options), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.describe(), /webhook_url: \$\{SLACK_WEBHOOK_URL\} is not set\n  export SLACK_WEBHOOK_URL/);
    return true;
  });
  const tolerant = await createHerald({ ...options, tolerateMissing: true });
  const [rendered] = tolerant.render([runEvent({ kind: 'post_task' })]);
  assert.deepEqual(tolerant.config.missing, [{ name: 'SLACK_WEBHOOK_URL', keyPath: 'notifications.sinks[0].webhook_url', fatal: true }]);
  await tolerant.close();
  assert.equal(rendered!.message!.target, 'POST ${SLACK_WEBHOOK_URL}');
});
