// End to end through dist/: two separate `herald send` processes over one state folder, the way a
// job script reports start and end, keep one Slack message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ensureBundle } from '../support/bundle.js';
import { startSlackDouble } from '../support/chat-doubles.js';
import { runCli, workspace } from '../support/cli.js';

before(() => ensureBundle());
const slack = await startSlackDouble();
after(() => slack.close());

test('pre_task then post_task from two bundled processes edit one message', async () => {
  const cwd = await workspace({
    'herald.yml': `notifications:
  sinks:
    - id: slack
      kind: slack
      token: \${SLACK_BOT_TOKEN}
      channel: C0CHANNEL
      api_base_url: ${slack.url}
      threading: update
      format: rich
`,
  });
  const env = { SLACK_BOT_TOKEN: 'xoxb-test-token' };
  const pre = await runCli(['send', '--json', '--event', 'pre_task', '--task-id', 'train-7', '--run-id', 'nightly-3', '--title', 'Training started'], { cwd, env });
  const post = await runCli(['send', '--json', '--event', 'post_task', '--outcome', 'failed', '--task-id', 'train-7', '--run-id', 'nightly-3', '--title', 'Training failed'], { cwd, env });
  assert.equal(pre.code, 0, pre.stderr);
  assert.equal(post.code, 0, post.stderr);
  assert.deepEqual(JSON.parse(post.stdout.trim()).outcome, 'delivered');
  assert.deepEqual(slack.calls, { 'chat.postMessage': 1, 'chat.update': 1 });
  const [message] = slack.parents();
  assert.equal(message!.body.text, '❌ Training failed');
  assert.ok(!`${pre.stdout}${pre.stderr}${post.stdout}${post.stderr}`.includes('xoxb-test-token'));
});
