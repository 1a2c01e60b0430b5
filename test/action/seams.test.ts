// Where steps, jobs and runs meet (issue 11, defects 1 and 2), in-process through runMain: two
// notifications of one job, a retried step, a re-run, matrix cells, no config at all, and what
// the step leaves in the checkout.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { HOOK_CONFIG, runEnv } from './fixtures.js';
import { InProcessJob } from './in-process.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

describe('action seams: one job, several notifications', () => {
  let receiver: Receiver;
  before(async () => (receiver = await startReceiver()));
  after(() => receiver.close());
  beforeEach(() => void (receiver.requests.length = 0));

  const job = async (extra: Record<string, string> = {}) => InProcessJob.start(await workspace({ 'herald.yml': HOOK_CONFIG }), runEnv({ HOOK_URL: `${receiver.url}/hook`, ...extra }));
  const titles = () => receiver.requests.map((r) => (r.json as { title: string }).title);

  it('a job that reports "started" and later "failure" delivers both', async () => {
    const j = await job();
    const started = await j.main({ inputs: { status: 'started' }, env: { GITHUB_ACTION: 'notify-start' } });
    const failed = await j.main({ inputs: { status: 'failure' }, env: { GITHUB_ACTION: 'notify-end' } });
    assert.equal(started.failed, undefined, started.text);
    assert.deepEqual([started.outputs.delivered, failed.outputs.delivered, failed.outputs.deduplicated], ['1', '1', '0']);
    assert.deepEqual(titles(), ['CI / build: started', 'CI / build: failure']);
  });

  it('the same status from the same step reported twice delivers both when the step differs', async () => {
    // Two unnamed `uses:` steps of one job: the runner names them __owner_repo and __owner_repo_2.
    const j = await job();
    await j.main({ inputs: { status: 'success', title: 'Tests passed' }, env: { GITHUB_ACTION: '__octo_herald' } });
    const second = await j.main({ inputs: { status: 'success', title: 'Deployed' }, env: { GITHUB_ACTION: '__octo_herald_2' } });
    assert.equal(second.outputs.delivered, '1');
    assert.deepEqual(titles(), ['Tests passed', 'Deployed']);
  });

  it('the same step retried inside one attempt is deduplicated', async () => {
    const j = await job();
    await j.main({ inputs: { status: 'failure' }, env: { GITHUB_ACTION: 'notify' } });
    const retried = await j.main({ inputs: { status: 'failure' }, env: { GITHUB_ACTION: 'notify' } });
    assert.deepEqual([retried.outputs.delivered, retried.outputs.deduplicated], ['0', '1']);
    assert.equal(receiver.requests.length, 1);
  });

  it('a re-run of the failed job (a new attempt) notifies again, even with the state of the first', async () => {
    const j = await job();
    await j.main({ inputs: { status: 'failure' }, env: { GITHUB_ACTION: 'notify' } });
    const rerun = await j.main({ inputs: { status: 'failure' }, env: { GITHUB_ACTION: 'notify', GITHUB_RUN_ATTEMPT: '2' } });
    assert.deepEqual([rerun.outputs.delivered, rerun.outputs.deduplicated], ['1', '0']);
    assert.equal(receiver.requests.length, 2);
  });

  it('matrix cells sharing a store are distinct notifications', async () => {
    const j = await job();
    const linux = await j.main({ inputs: { status: 'failure', matrix: '{"os":"linux"}' }, env: { GITHUB_ACTION: 'notify' } });
    const mac = await j.main({ inputs: { status: 'failure', matrix: '{"os":"mac"}' }, env: { GITHUB_ACTION: 'notify' } });
    assert.deepEqual([linux.outputs.delivered, mac.outputs.delivered], ['1', '1']);
    assert.deepEqual(titles(), ['CI / build (os=linux): failure', 'CI / build (os=mac): failure']);
  });
});

describe('action seams: the checkout is the user\'s', () => {
  it('without a config or a webhook the step fails, says where it looked and what to commit, and sends nothing', async () => {
    const dir = await workspace({ 'README.md': '# widgets\n' });
    const j = await InProcessJob.start(dir, runEnv());
    const step = await j.main({ inputs: { status: 'failure' }, env: { GITHUB_ACTION: 'notify' } });
    assert.ok(step.failed, 'the step fails');
    assert.match(step.failed!, /no Herald config and no 'webhook' input/);
    assert.match(step.failed!, /herald\.yml, herald\.yaml, \.github\/herald\.yml, bernstein\.yaml/);
    assert.ok(step.failed!.includes(dir), 'names the folder it looked in');
    assert.match(step.failed!, /commit \.github\/herald\.yml/);
    assert.match(step.failed!, /actions\/checkout/);
    assert.equal(step.outputs.delivered, undefined);
    assert.match(step.summary, /not run[\s\S]*no Herald config/);
    assert.deepEqual(filesUnder(dir), ['README.md']);
  });

  it('a delivering step writes nothing into the workspace: state lives under RUNNER_TEMP', async () => {
    const receiver = await startReceiver();
    try {
      const dir = await workspace({ 'herald.yml': HOOK_CONFIG });
      const j = await InProcessJob.start(dir, runEnv({ HOOK_URL: `${receiver.url}/hook` }));
      for (const state of ['actions-cache', 'dir', 'none']) {
        const step = await j.main({ inputs: { status: 'failure', state }, env: { GITHUB_ACTION: `notify-${state}` } });
        assert.equal(step.failed, undefined, step.text);
        assert.equal(step.outputs.delivered, '1', state);
      }
      assert.deepEqual(filesUnder(dir), ['herald.yml']);
      assert.ok(j.exported.HERALD_STATE_DIR!.startsWith(j.runnerTemp), j.exported.HERALD_STATE_DIR);
      assert.ok(existsSync(join(j.exported.HERALD_STATE_DIR!)));
    } finally {
      await receiver.close();
    }
  });
});

describe('action seams: events-file', () => {
  it('a USR log whose first record holds NaN is read as a USR log, not refused as Herald JSONL', async () => {
    const receiver = await startReceiver();
    try {
      const { usrLine } = await import('../support/usr-log.js');
      const log = usrLine({ action: 'import_rows', metrics: { rows_written: 3, gc_total: 0.5 } }, { nan: ['gc_total'] }) + usrLine({ action: 'densegen_flush_failed' });
      assert.match(log.split('\n')[0]!, /NaN/);
      const j = await InProcessJob.start(await workspace({ 'herald.yml': HOOK_CONFIG, 'artifacts/.events.log': log }), runEnv({ HOOK_URL: `${receiver.url}/hook` }));
      const step = await j.main({ inputs: { 'events-file': 'artifacts/.events.log' } });
      assert.equal(step.failed, undefined, step.text);
      assert.equal(step.outputs.delivered, '2');
      assert.deepEqual(receiver.requests.map((r) => (r.json as { kind: string }).kind), ['import_rows', 'densegen_flush_failed']);
    } finally {
      await receiver.close();
    }
  });
});
