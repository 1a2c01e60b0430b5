// GitHub's limits (issue 11, defect 7): a step summary over 1 MiB is refused and an output over
// 1 MB fails the step. A USR log dispatched in one step can hold tens of thousands of events, so
// the summary counts per sink × outcome, lists failures up to a cap, and the full results go to
// a file under RUNNER_TEMP named by the `results-file` output.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { runEnv } from './fixtures.js';
import { InProcessJob, type StepRecord } from './in-process.js';
import { SUMMARY_LIST_LIMIT } from '../../src/action/summary.js';

const MiB = 1024 * 1024;
const OUTPUT_LIMIT = 1_000_000;

function manyEvents(count: number, title: (i: number) => string): string {
  let text = '';
  for (let i = 0; i < count; i++) text += JSON.stringify({ kind: 'post_task', event_id: `e-${i}`, title: title(i), body: 'x'.repeat(40), outcome: 'failed' }) + '\n';
  return text;
}

function assertWithinLimits(step: StepRecord): void {
  assert.ok(Buffer.byteLength(step.summary) < MiB, `summary is ${Buffer.byteLength(step.summary)} bytes`);
  for (const [name, value] of Object.entries(step.outputs)) assert.ok(Buffer.byteLength(value) < OUTPUT_LIMIT, `output ${name} is ${Buffer.byteLength(value)} bytes`);
}

describe('action limits', () => {
  let failing: Receiver;
  before(async () => (failing = await startReceiver({ status: 400, body: 'invalid_payload' })));
  after(() => failing.close());

  it('20,000 events: the summary counts per sink × outcome, outputs stay small, the results file has them all', async () => {
    const config = `notifications:
  sinks:
    - id: deploys
      kind: webhook
      url: http://127.0.0.1:9/never
      events: [pre_merge]
`;
    const dir = await workspace({ 'herald.yml': config, 'usr/events.jsonl': manyEvents(20_000, (i) => `shard ${i} failed ${'é'.repeat(20)}`) });
    const job = await InProcessJob.start(dir, runEnv());
    const step = await job.main({ inputs: { 'events-file': 'usr/events.jsonl', state: 'none' }, env: { GITHUB_ACTION: 'dispatch' } });
    assert.equal(step.failed, undefined, step.text.slice(0, 2000));
    assertWithinLimits(step);
    assert.match(step.summary, /\| deploys \| 0 \| 0 \| 20000 \| 0 \| 0 \|/);
    assert.equal(step.outputs['results-truncated'], 'true');
    assert.ok(JSON.parse(step.outputs.results!).length <= 100);
    assert.ok(step.outputs['results-file']!.startsWith(job.runnerTemp), step.outputs['results-file']);
    const all = await job.resultsFile(step);
    assert.equal(all.length, 20_000);
    assert.deepEqual(all[19_999], { sink_id: 'deploys', event_id: 'e-19999', outcome: 'filtered', attempts: 0 });
  });

  it('20,000 events in a dry run: a few messages shown in full, every rendering in the results file', async () => {
    const config = 'notifications:\n  sinks:\n    - id: hook\n      kind: webhook\n      url: http://127.0.0.1:9/never\n';
    const dir = await workspace({ 'herald.yml': config, 'events.jsonl': manyEvents(20_000, (i) => `shard ${i} failed`) });
    const job = await InProcessJob.start(dir, runEnv());
    const step = await job.main({ inputs: { 'events-file': 'events.jsonl', 'dry-run': 'true' }, env: { GITHUB_ACTION: 'preview' } });
    assert.equal(step.failed, undefined, step.text.slice(0, 2000));
    assertWithinLimits(step);
    assert.match(step.summary, /\| hook \| 20000 \| 0 \| 0 \|/);
    assert.match(step.summary, /The first 10 of 20000/);
    assert.match(step.summary, /shard 9 failed/);
    assert.doesNotMatch(step.summary, /shard 10 failed/);
    assert.equal((await job.resultsFile(step)).length, 20_000);
  });

  it('failures are listed up to a cap with "+N more"; `results` keeps failures first when cut', async () => {
    const config = `notifications:
  retry: { max_attempts: 1 }
  sinks:
    - id: hook
      kind: webhook
      url: ${failing.url}/hook
      digest: false
      rate_limit: null
    - id: quiet
      kind: webhook
      url: http://127.0.0.1:9/never
      events: [pre_merge]
`;
    const dir = await workspace({ 'herald.yml': config, 'events.jsonl': manyEvents(150, (i) => `shard ${i} failed`) });
    const job = await InProcessJob.start(dir, runEnv());
    const step = await job.main({ inputs: { 'events-file': 'events.jsonl' }, env: { GITHUB_ACTION: 'dispatch' } });
    assert.equal(step.failed, undefined, step.text.slice(0, 2000));
    assertWithinLimits(step);
    assert.equal(step.outputs['dead-lettered'], '150');
    assert.match(step.summary, /### Failures \(150\)/);
    assert.equal(step.summary.match(/^- \*\*hook\*\*/gm)?.length, SUMMARY_LIST_LIMIT);
    assert.match(step.summary, new RegExp(`- \\+${150 - SUMMARY_LIST_LIMIT} more`));
    assert.match(step.summary, /\| hook \| 0 \| 0 \| 0 \| 0 \| 150 \|/);
    assert.match(step.summary, /\| quiet \| 0 \| 0 \| 150 \| 0 \| 0 \|/);
    const results = JSON.parse(step.outputs.results!) as { outcome: string }[];
    assert.equal(step.outputs['results-truncated'], 'true');
    assert.ok(results.every((r) => r.outcome === 'dead_lettered'), 'the failures come first');
    assert.equal((await job.resultsFile(step)).length, 300);
  });
});
