// The action's main and post bundles run as subprocesses under Node 24, without a cache service
// (state: dir or the fallback). Requires `node scripts/build.mjs` first (dist/action/*.js).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { assertBundlesBuilt, runActionJob } from '../support/action-runner.js';
import { HOOK_CONFIG, jsonl, runEnv } from './fixtures.js';
import { usrLine } from '../support/usr-log.js';

describe('action main step', () => {
  let receiver: Receiver;
  before(async () => {
    assertBundlesBuilt();
    receiver = await startReceiver();
  });
  after(() => receiver.close());

  it('reports the job with its run facts, masks the webhook URL and sets the outputs', async () => {
    receiver.requests.length = 0;
    const cwd = await workspace({ 'herald.yml': HOOK_CONFIG });
    const hook = `${receiver.url}/hooks/T000/B000/s3cr3t-path`;
    const job = await runActionJob({ cwd, inputs: { status: 'failure', matrix: '{"os":"ubuntu","node":24}' }, env: runEnv({ HOOK_URL: hook }) });
    assert.equal(job.main.code, 0, job.main.stderr + job.main.stdout);
    assert.match(job.main.stdout, new RegExp(`::add-mask::${hook.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.match(job.main.stdout, /::add-mask::\/hooks\/T000\/B000\/s3cr3t-path/);
    const maskAt = job.main.stdout.indexOf('::add-mask::');
    assert.ok(maskAt >= 0 && job.main.stdout.slice(0, maskAt).split('\n').filter((l) => l.trim()).length <= 1, 'masks come before other output');
    assert.equal(job.main.outputs.delivered, '1');
    assert.equal(job.main.outputs.failed, '0');
    const results = JSON.parse(job.main.outputs.results!) as { sink_id: string; outcome: string }[];
    assert.deepEqual(results.map((r) => [r.sink_id, r.outcome]), [['hook', 'delivered']]);
    const event = receiver.requests[0]!.json as { title: string; body: string; severity: string; labels: Record<string, string>; details: Record<string, unknown> };
    assert.equal(event.severity, 'error');
    assert.equal(event.title, 'CI / build (os=ubuntu, node=24): failure');
    assert.match(event.body, /Run: https:\/\/github\.com\/octo\/widgets\/actions\/runs\/1001/);
    assert.match(event.body, /Commit: 0123456789ab/);
    assert.deepEqual(event.labels, { repo: 'octo/widgets', ref: 'main', sha: '0123456789ab', actor: 'mona', run: '1001/1' });
    assert.deepEqual(event.details.matrix, { os: 'ubuntu', node: 24 });
    assert.match(job.main.summary, /Event: \*\*CI \/ build \(os=ubuntu, node=24\): failure\*\*/);
    assert.match(job.main.summary, /\| hook \| 1 \| 0 \| 0 \| 0 \| 0 \|/);
    assert.ok(job.main.outputs['results-file']!.startsWith(job.runnerTemp), 'results file under RUNNER_TEMP');
    assert.equal(job.post!.code, 0);
  });

  it('links the run on GHES through GITHUB_SERVER_URL and falls back to dir state with a notice', async () => {
    receiver.requests.length = 0;
    const cwd = await workspace({ 'herald.yml': HOOK_CONFIG });
    const env = runEnv({ HOOK_URL: `${receiver.url}/h`, GITHUB_SERVER_URL: 'https://ghes.example.com', ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/', ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RUNTIME_TOKEN: 'x.y.z' });
    const job = await runActionJob({ cwd, inputs: { status: 'success' }, env });
    assert.equal(job.main.code, 0, job.main.stderr);
    assert.match(job.main.stdout, /::notice::the Actions cache is not available here/);
    assert.match((receiver.requests[0]!.json as { body: string }).body, /Run: https:\/\/ghes\.example\.com\/octo\/widgets\/actions\/runs\/1001/);
    assert.equal(job.main.state['herald-state-mode'], 'dir');
    assert.equal(job.post!.code, 0);
    assert.equal(job.post!.stdout.trim(), '');
  });

  it('a runner without its state and env files still delivers, and says what it could not keep', async () => {
    receiver.requests.length = 0;
    const cwd = await workspace({ 'herald.yml': HOOK_CONFIG });
    const job = await runActionJob({ cwd, inputs: { status: 'failure' }, env: runEnv({ HOOK_URL: `${receiver.url}/h` }), missingFiles: ['GITHUB_STATE', 'GITHUB_ENV'], post: false });
    assert.equal(job.main.code, 0, job.main.stderr);
    assert.equal(receiver.requests.length, 1, 'the notification went out');
    assert.match(job.main.stdout, /::warning::Herald: could not save state for the post step \(Missing file at path: [^)]*\); the notification is sent anyway/);
    assert.match(job.main.stdout, /::warning::Herald: could not export HERALD_STATE_DIR to later steps/);
    assert.equal(job.main.outputs.delivered, '1');
  });

  it('a failed delivery is a warning annotation and the job stays green', async () => {
    const failing = await startReceiver({ status: 400, body: 'invalid_payload' });
    try {
      const cwd = await workspace({ 'herald.yml': HOOK_CONFIG });
      const job = await runActionJob({ cwd, inputs: { status: 'failure', state: 'none' }, env: runEnv({ HOOK_URL: `${failing.url}/hook/abcdef` }) });
      assert.equal(job.main.code, 0);
      assert.match(job.main.stdout, /::warning title=Herald%3A CI \/ build%3A failure::hook: dead-lettered: http 400/);
      assert.equal(job.main.outputs.failed, '1');
      assert.equal(job.main.outputs['dead-lettered'], '1');
      assert.match(job.main.summary, /📥 dead-lettered/);
      assert.match(job.main.summary, /### Dead letters \(1 kept in state\)/);
      assert.doesNotMatch(job.main.summary + job.main.stdout.replace(/::add-mask::.*/g, ''), /hook\/abcdef/);
    } finally {
      await failing.close();
    }
  });

  it('fail-on-error turns a failed delivery into an error and a failed step', async () => {
    const failing = await startReceiver({ status: 404, body: 'no_service' });
    try {
      const cwd = await workspace({ 'herald.yml': HOOK_CONFIG });
      const job = await runActionJob({ cwd, inputs: { 'fail-on-error': 'true', state: 'none' }, env: runEnv({ HOOK_URL: `${failing.url}/x` }), post: false });
      assert.equal(job.main.code, 1);
      assert.match(job.main.stdout, /::error title=Herald/);
      assert.match(job.main.stdout, /::error::1 delivery failure\(s\)/);
    } finally {
      await failing.close();
    }
  });

  it('an invalid config fails the step with an annotation on the file, line and key path', async () => {
    const cwd = await workspace({ 'herald.yml': 'notifications:\n  sinks:\n    - id: hook\n      kind: webhook\n      url: not-a-url\n' });
    const job = await runActionJob({ cwd, inputs: { 'dry-run': 'true' }, env: runEnv(), post: false });
    assert.equal(job.main.code, 1);
    assert.match(job.main.stdout, /::error title=Herald config,file=herald\.yml,line=5,col=7::herald\.yml:5:7: notifications\.sinks\[0\]\.url/);
    assert.match(job.main.summary, /notifications\.sinks\[0\]\.url/);
  });

  it('no config and no webhook input fails the step, as the runner runs it', async () => {
    const cwd = await workspace({ 'README.md': '#\n' });
    const job = await runActionJob({ cwd, inputs: { status: 'failure' }, env: runEnv(), post: false });
    assert.equal(job.main.code, 1);
    assert.match(job.main.stdout, /::error::no Herald config and no 'webhook' input/);
  });

  it('an inline webhook delivers from one step with no config file, masked', async () => {
    receiver.requests.length = 0;
    const cwd = await workspace({ 'README.md': '#\n' });
    const hook = `${receiver.url}/hooks/T000/B000/inline-s3cr3t`;
    const job = await runActionJob({ cwd, inputs: { status: 'failure', webhook: hook, state: 'none' }, env: runEnv(), post: false });
    assert.equal(job.main.code, 0, job.main.stdout + job.main.stderr);
    assert.equal(job.main.outputs.delivered, '1');
    assert.ok(job.main.stdout.indexOf(`::add-mask::${hook}`) === job.main.stdout.indexOf('::'), 'the URL is masked first');
    assert.match(job.main.stdout, /::add-mask::\/hooks\/T000\/B000\/inline-s3cr3t/);
    assert.equal(receiver.requests.length, 1);
  });

  it('an invalid boolean input fails with the input name', async () => {
    const cwd = await workspace({ 'herald.yml': HOOK_CONFIG });
    const job = await runActionJob({ cwd, inputs: { 'dry-run': 'yes' }, env: runEnv(), post: false });
    assert.equal(job.main.code, 1);
    assert.match(job.main.stdout, /::error::.*dry-run/);
  });

  it('dry-run renders each message into the summary, sends nothing and saves no state', async () => {
    receiver.requests.length = 0;
    const cwd = await workspace({
      'herald.yml': HOOK_CONFIG,
      'artifacts/a/events.jsonl': jsonl({ kind: 'post_task', event_id: 'e-1', title: 'shard 1 failed', outcome: 'failed' }),
      'artifacts/b/events.jsonl': jsonl({ kind: 'post_task', event_id: 'e-2', title: 'shard 2 passed' }),
    });
    // A pull request from a fork: the variable is unset; the preview still renders.
    const job = await runActionJob({ cwd, inputs: { 'dry-run': 'true', 'events-file': 'artifacts/*/events.jsonl' }, env: runEnv() });
    assert.equal(job.main.code, 0, job.main.stdout + job.main.stderr);
    assert.equal(receiver.requests.length, 0);
    assert.match(job.main.summary, /## Herald dry run/);
    assert.match(job.main.summary, /shard 1 failed/);
    assert.match(job.main.summary, /shard 2 passed/);
    assert.match(job.main.summary, /\$\{HOOK_URL\} used at/);
    const results = JSON.parse(job.main.outputs.results!) as { outcome: string }[];
    assert.deepEqual(results.map((r) => r.outcome), ['rendered', 'rendered']);
    assert.equal(job.main.outputs.delivered, '0');
    assert.equal(job.main.state['herald-dry-run'], 'true');
  });

  it('a USR .events.log artifact is read as the watcher reads it and dispatched', async () => {
    receiver.requests.length = 0;
    const log = usrLine({ action: 'init' }) + usrLine({ action: 'densegen_flush_failed', metrics: { rows_incoming: 4, gc: 0.5 } }, { nan: ['gc'] });
    const cwd = await workspace({ 'herald.yml': HOOK_CONFIG, 'usr/.events.log': log });
    const job = await runActionJob({ cwd, inputs: { 'events-file': 'usr/.events.log', state: 'none', labels: 'team=lab' }, env: runEnv({ HOOK_URL: `${receiver.url}/usr` }), post: false });
    assert.equal(job.main.code, 0, job.main.stdout + job.main.stderr);
    assert.equal(job.main.outputs.delivered, '2');
    const sent = receiver.requests.map((r) => r.json as { kind: string; title: string; severity: string; event_id: string; labels: Record<string, string> });
    assert.deepEqual(sent.map((e) => [e.kind, e.title, e.severity]), [
      ['init', 'init on densegen/demo_tfbs', 'info'],
      ['densegen_flush_failed', 'densegen_flush_failed on densegen/demo_tfbs', 'error'],
    ]);
    // The step's labels fill in around the USR ones; the id is the watcher's line hash.
    assert.equal(sent[1]!.labels.status, 'failure');
    assert.equal(sent[1]!.labels.team, 'lab');
    assert.match(sent[0]!.event_id, /^[0-9a-f]{32}$/);
  });

  it('an invalid USR line fails the step with file:line', async () => {
    const cwd = await workspace({ 'herald.yml': HOOK_CONFIG, '.events.log': jsonl({ event_version: 1, action: 'write', dataset: 'x' }) });
    const job = await runActionJob({ cwd, inputs: { 'events-file': '.events.log', 'dry-run': 'true' }, env: runEnv(), post: false });
    assert.equal(job.main.code, 1);
    assert.match(job.main.stdout, /::error::.*\.events\.log:1: event field 'dataset' must be an object when provided/);
  });

  it('an events-file pattern that matches nothing fails with the pattern', async () => {
    const cwd = await workspace({ 'herald.yml': HOOK_CONFIG });
    const job = await runActionJob({ cwd, inputs: { 'events-file': 'missing/*.jsonl', 'dry-run': 'true' }, env: runEnv(), post: false });
    assert.equal(job.main.code, 1);
    assert.match(job.main.stdout, /nothing matches 'missing\/\*\.jsonl'/);
  });
});
