import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestHerald } from '../support/herald.js';
import { runEvent } from './harness.js';

const sinks = (format: string) => `notifications:
  sinks:
    - id: slack
      kind: slack
      token: xoxb-test-token
      channel: C1
      format: ${format}
    - id: discord
      kind: discord
      webhook_url: https://discord.example.com/api/webhooks/1/x
      format: ${format}
    - id: tg
      kind: telegram
      token: "1:x"
      chat_id: "5"
      format: ${format}
`;

const failed = runEvent({
  kind: 'post_task',
  title: 'Failed: nightly <train>',
  body: 'exit status 3 after 2 min 5 s',
  severity: 'error',
  labels: { host: 'node-7', job_name: 'train' },
  details: { exit_status: 3, duration_s: 125, run_url: 'https://github.com/octo/widgets/actions/runs/1001' },
});

test('rich Slack: the state emoji in the fallback text, Block Kit with the facts, a red bar and the run link', async () => {
  const herald = await openTestHerald(sinks('rich'));
  const body = herald.render([failed], ['slack'])[0]!.message!.body as { text: string; attachments: { color: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[] }[] };
  await herald.close();
  assert.equal(body.text, '❌ Failed: nightly &lt;train&gt;');
  const [attachment] = body.attachments;
  assert.equal(attachment!.color, '#e01e5a');
  assert.match(attachment!.blocks[0]!.text!.text, /^❌ \*Failed: nightly &lt;train&gt;\*\nexit status 3/);
  assert.deepEqual(attachment!.blocks[1]!.fields!.map((f) => f.text), ['*Job*\ntrain', '*Host*\nnode-7', '*Duration*\n2 min 5 s', '*Exit status*\n3']);
  assert.equal(attachment!.blocks[2]!.elements![0]!.text, '<https://github.com/octo/widgets/actions/runs/1001|View run>');
});

test('rich Discord: emoji title linking the run, state colour, facts as inline fields', async () => {
  const herald = await openTestHerald(sinks('rich'));
  const started = runEvent({ kind: 'pre_task', title: 'Started: nightly', labels: { host: 'node-7' } });
  const [forStarted, forFailed] = herald.render([started, failed], ['discord']).map((r) => (r.message!.body as { embeds: Record<string, unknown>[] }).embeds[0]!);
  await herald.close();
  assert.equal(forStarted!.title, '⏳ Started: nightly');
  assert.equal(forFailed!.title, '❌ Failed: nightly <train>');
  assert.equal(forFailed!.color, 0xe01e5a);
  assert.equal(forFailed!.url, 'https://github.com/octo/widgets/actions/runs/1001');
  assert.deepEqual(forFailed!.fields, [
    { name: 'Job', value: 'train', inline: true },
    { name: 'Host', value: 'node-7', inline: true },
    { name: 'Duration', value: '2 min 5 s', inline: true },
    { name: 'Exit status', value: '3', inline: true },
  ]);
});

test('rich Telegram: HTML with the emoji, escaped title, facts and link', async () => {
  const herald = await openTestHerald(sinks('rich'));
  const text = (herald.render([failed], ['tg'])[0]!.message!.body as { text: string }).text;
  await herald.close();
  assert.equal(
    text,
    '<b>❌ Failed: nightly &lt;train&gt;</b>\n\nexit status 3 after 2 min 5 s\n\n<b>Job:</b> train\n<b>Host:</b> node-7\n<b>Duration:</b> 2 min 5 s\n<b>Exit status:</b> 3\n<a href="https://github.com/octo/widgets/actions/runs/1001">View run</a>',
  );
});

test('format: text (the default) sends what it sent before', async () => {
  const herald = await openTestHerald(sinks('text'));
  const [slackBody, discordBody, tgBody] = herald.render([failed]).map((r) => r.message!.body);
  await herald.close();
  assert.deepEqual(slackBody, { channel: 'C1', text: '*Failed: nightly &lt;train&gt;*\nexit status 3 after 2 min 5 s' });
  assert.equal(JSON.stringify(discordBody).includes('❌'), false);
  assert.equal((tgBody as { text: string }).text, '<b>Failed: nightly &lt;train&gt;</b>\n\nexit status 3 after 2 min 5 s');
});

test('a rich living message shows the history of its stages in one line', async () => {
  const { startSlackDouble } = await import('../support/chat-doubles.js');
  const { sharedFolder, progressEvent } = await import('./harness.js');
  const slack = await startSlackDouble();
  try {
    const shared = await sharedFolder(`notifications:
  sinks:
    - id: slack
      kind: slack
      token: xoxb-test-token
      channel: C1
      api_base_url: ${slack.url}
      threading: update
      format: rich
      rate_limit: null
`);
    const herald = await shared.open();
    await herald.deliver([runEvent({ kind: 'pre_task', title: 'started' })]);
    await herald.deliver([progressEvent(10)]);
    await herald.deliver([progressEvent(20)]);
    await herald.deliver([runEvent({ kind: 'post_task', title: 'failed', severity: 'error' })]);
    await herald.close();
    const [message] = slack.parents();
    const fields = (message!.body.attachments as { blocks: { fields?: { text: string }[] }[] }[])[0]!.blocks.flatMap((b) => b.fields ?? []).map((f) => f.text);
    assert.ok(fields.includes('*Stages*\n⏳ started → ⏳ running → ❌ failure'), fields.join(' | '));
  } finally {
    await slack.close();
  }
});
