// The front doors name conversations: the action (repository, run, attempt, job, matrix cell),
// `exec` (this run, or the scheduler job), `send --conversation`, and `render` shows what a
// delivery would do. CLI runs go through the TypeScript entry as separate processes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSlackDouble } from '../support/chat-doubles.js';
import { runCli, workspace } from '../support/cli.js';
import { InProcessJob } from '../action/in-process.js';
import { runEnv } from '../action/fixtures.js';
import { goldenStream } from '../support/usr-log.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const slack = await startSlackDouble();
after(() => slack.close());

const config = (extra = '') => `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, jitter: 0}
  sinks:
    - id: slack
      kind: slack
      token: \${SLACK_BOT_TOKEN}
      channel: C0CHANNEL
      api_base_url: ${slack.url}
      threading: update_and_reply
      reply_on: [error]
      rate_limit: null
${extra}`;
const env = { SLACK_BOT_TOKEN: 'xoxb-test-token' };

test('action: a started step and a failed step of one job show one message, and the outputs name it', async () => {
  slack.reset();
  const job = await InProcessJob.start(await workspace({ 'herald.yml': config() }), runEnv(env));
  const started = await job.main({ inputs: { event: 'pre_task', status: 'started', state: 'dir' }, env: { GITHUB_ACTION: 'notify-start' } });
  const finished = await job.main({ inputs: { status: 'failure', state: 'dir' }, env: { GITHUB_ACTION: 'notify-end' } });
  assert.equal(started.failed, undefined, started.text);
  assert.equal(finished.outputs.delivered, '1', finished.text);
  const parents = slack.parents();
  assert.equal(parents.length, 1);
  assert.match(String(parents[0]!.body.text), /failure/);
  assert.equal(slack.replies(parents[0]!.id).length, 1, 'the failure also replied');
  assert.equal(finished.outputs.conversation, 'gh:octo/widgets:1001:1:build');
  assert.deepEqual(JSON.parse(finished.outputs['message-ids']!), { slack: parents[0]!.id });
  assert.ok(!JSON.stringify(finished.outputs).includes('xoxb-test-token'));
});

test('exec of a failing command: one parent showing the failure, and one reply', async () => {
  slack.reset();
  const cwd = await workspace({ 'herald.yml': config() });
  const run = await runCli(['exec', '--title', 'nightly', '--', 'sh', '-c', 'exit 3'], { cwd, env, source: true });
  assert.equal(run.code, 3, run.stderr);
  const parents = slack.parents();
  assert.equal(parents.length, 1, JSON.stringify([...slack.messages.values()]));
  assert.match(String(parents[0]!.body.text), /nightly/);
  assert.match(String(parents[0]!.body.text), /exit (status )?3|failed/i);
  assert.equal(parents[0]!.edits, 1);
  assert.equal(slack.replies(parents[0]!.id).length, 1);
});

test('send --conversation from two processes edits one message; render shows the stored reference', async () => {
  slack.reset();
  const cwd = await workspace({ 'herald.yml': config() });
  const first = await runCli(['send', '--event', 'pre_task', '--title', 'deploy started', '--run-id', 'a', '--conversation', 'deploy-42'], { cwd, env, source: true });
  assert.equal(first.code, 0, first.stderr);
  const rendered = await runCli(['render', '--event', 'post_task', '--title', 'deploy done', '--run-id', 'b', '--conversation', 'deploy-42'], { cwd, env, source: true });
  assert.equal(rendered.code, 0, rendered.stderr);
  const [line] = rendered.stdout.trim().split('\n').map((l) => JSON.parse(l) as { threading?: unknown });
  assert.deepEqual(line!.threading, { conversation: 'deploy-42', action: 'edit', ref: { id: slack.parents()[0]!.id, channel: 'C0CHANNEL' } });
  const second = await runCli(['send', '--event', 'post_task', '--title', 'deploy done', '--run-id', 'b', '--conversation', 'deploy-42'], { cwd, env, source: true });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(slack.parents().length, 1);
  assert.match(String(slack.parents()[0]!.body.text), /deploy done/);
});

test('watch: a USR run is one living message per dataset and run, and a second watch sends nothing', async () => {
  slack.reset();
  const cwd = await workspace({ 'herald.yml': config().replace('update_and_reply', 'update'), 'usr/.events.log': goldenStream() });
  const watch = () => runCli(['watch', '--events', 'usr/.events.log', '--herald-config', 'herald.yml', '--state-dir', 'state', '--json'], { cwd, env, source: true });
  const first = await watch();
  assert.equal(first.code, 0, first.stderr);
  const parents = slack.parents();
  assert.equal(parents.length, 1, JSON.stringify([...slack.messages.values()].map((m) => m.body.text)));
  assert.match(String(parents[0]!.body.text), /running|10(\.0)?%/i, 'the message shows the last record');
  const outcomes = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as { outcome?: string }).filter((o) => o.outcome);
  assert.equal(outcomes.filter((o) => o.outcome === 'delivered').length, slack.calls['chat.postMessage']! + (slack.calls['chat.update'] ?? 0));
  const refs = JSON.parse(await readFile(join(cwd, 'state', 'message-refs.json'), 'utf8')) as Record<string, { conversation: string }>;
  assert.match(Object.values(refs)[0]!.conversation, /^usr:[^:]*:/);
  const calls = { ...slack.calls };
  const second = await watch();
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(slack.calls, calls, 'the cursor passed every record, superseded ones too');
});

test('dlq replay of one conversation sends its newest state once and clears every letter', async () => {
  slack.reset();
  const { sharedFolder, progressEvent } = await import('./harness.js');
  const shared = await sharedFolder(config().replace('update_and_reply', 'update'), env);
  const herald = await shared.open();
  slack.script([{ json: { ok: false, error: 'channel_not_found' } }, { json: { ok: false, error: 'channel_not_found' } }, { json: { ok: false, error: 'channel_not_found' } }]);
  for (const n of [1, 2, 3]) await herald.deliver([progressEvent(n, 3)]);
  assert.equal((await herald.store.listDeadLetters()).length, 3);
  await herald.close();
  const replay = await runCli(['dlq', 'replay', '--json', '--state-dir', '.herald/state'], { cwd: shared.dir, env, source: true });
  assert.equal(replay.code, 0, replay.stderr);
  const outcomes = replay.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { outcome: string }).outcome);
  assert.deepEqual(outcomes, ['superseded', 'superseded', 'delivered']);
  assert.equal(slack.parents().length, 1);
  assert.match(String(slack.parents()[0]!.body.text), /100% \(3\/3\)/);
  const list = await runCli(['dlq', 'list', '--json', '--state-dir', '.herald/state'], { cwd: shared.dir, env, source: true });
  assert.equal(list.stdout.trim(), '', 'no letter left');
});
