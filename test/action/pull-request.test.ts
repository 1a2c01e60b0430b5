// Pull-request checks (issue 11, defect 11): a broken config is annotated on the config file in
// the diff (workspace-relative file, line, col) and explained in the job summary; the default
// message of a pull_request run names the pull request instead of "Ref: 7/merge".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { HOOK_CONFIG, runEnv } from './fixtures.js';
import { InProcessJob } from './in-process.js';

const BROKEN = `notifications:
  sinks:
    - id: team
      kind: webhook
      url: not-a-url
`;

async function pullRequestEnv(dir: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const payload = join(dir, '..', `event-${Date.now()}.json`);
  await writeFile(payload, JSON.stringify({ action: 'opened', number: 7, pull_request: { number: 7, title: 'Retry flaky uploads', html_url: 'https://github.com/octo/widgets/pull/7', head: { ref: 'fix/uploads' }, base: { ref: 'main' } } }));
  return runEnv({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge', GITHUB_REF_NAME: '7/merge', GITHUB_EVENT_PATH: payload, ...extra });
}

describe('action on pull requests', () => {
  let receiver: Receiver;
  before(async () => (receiver = await startReceiver()));
  after(() => receiver.close());

  it('a broken config in a dry run is an error annotation on the file, line and column, and the summary says what is wrong', async () => {
    const dir = await workspace({ '.github/herald.yml': BROKEN });
    const job = await InProcessJob.start(dir, await pullRequestEnv(dir));
    const step = await job.main({ inputs: { 'dry-run': 'true', status: 'failure' }, env: { GITHUB_ACTION: 'preview' } });
    assert.ok(step.failed, 'the check fails');
    const annotation = step.log.find((e) => e.type === 'error' && e.properties?.file);
    assert.ok(annotation, JSON.stringify(step.log));
    assert.deepEqual(annotation.properties, { title: 'Herald config', file: '.github/herald.yml', startLine: 5, startColumn: 7 });
    assert.match(annotation.message, /^\.github\/herald\.yml:5:7: notifications\.sinks\[0\]\.url: /);
    assert.ok(!annotation.message.includes(dir), 'no absolute path');
    assert.match(step.summary, /not run/);
    assert.match(step.summary, /\.github\/herald\.yml:5:7: notifications\.sinks\[0\]\.url: .*url/i);
    assert.match(step.failed!, /\.github\/herald\.yml:5/);
  });

  it('the default message names the pull request: number, title, branches and link', async () => {
    receiver.requests.length = 0;
    const dir = await workspace({ 'herald.yml': HOOK_CONFIG });
    const job = await InProcessJob.start(dir, await pullRequestEnv(dir, { HOOK_URL: `${receiver.url}/hook` }));
    const step = await job.main({ inputs: { status: 'failure' }, env: { GITHUB_ACTION: 'notify' } });
    assert.equal(step.outputs.delivered, '1', step.text);
    const event = receiver.requests[0]!.json as { title: string; body: string; labels: Record<string, string>; details: Record<string, unknown> };
    assert.equal(event.title, 'CI / build on #7: failure');
    assert.match(event.body, /^Pull request: #7 Retry flaky uploads$/m);
    assert.match(event.body, /^Branch: fix\/uploads → main$/m);
    assert.match(event.body, /^PR: https:\/\/github\.com\/octo\/widgets\/pull\/7$/m);
    assert.doesNotMatch(event.body, /Ref: 7\/merge/);
    assert.equal(event.labels.pr, '7');
    assert.deepEqual(event.details.pull_request, { number: 7, title: 'Retry flaky uploads', url: 'https://github.com/octo/widgets/pull/7' });
  });
});
