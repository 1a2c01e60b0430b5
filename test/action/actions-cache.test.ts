// State across jobs through the real @actions/cache client (inside the bundles) against the
// loopback cache service double. Requires `node scripts/build.mjs` first (dist/action/*.js).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startCacheService, type CacheService } from '../support/cache-service.js';
import { assertBundlesBuilt, runActionJob } from '../support/action-runner.js';
import { HOOK_CONFIG, jsonl, runEnv } from './fixtures.js';
import { startSlackDouble } from '../support/chat-doubles.js';

describe('actions-cache state', () => {
  let receiver: Receiver;
  let cache: CacheService;
  before(async () => {
    assertBundlesBuilt();
    receiver = await startReceiver();
    cache = await startCacheService();
  });
  after(async () => {
    await receiver.close();
    await cache.close();
  });

  const env = (job: string, extra: Record<string, string> = {}) => ({ ...runEnv({ GITHUB_JOB: job, HOOK_URL: `${receiver.url}/hook/tok` }), ...cache.env(), ...extra });

  it('two sequential jobs share dedup: the second sends nothing new', async () => {
    receiver.requests.length = 0;
    const files = { 'herald.yml': HOOK_CONFIG, 'events.jsonl': jsonl({ kind: 'post_task', event_id: 'seq-1', title: 'nightly done' }) };
    const inputs = { 'events-file': 'events.jsonl', 'state-key': 'seq' };
    const first = await runActionJob({ cwd: await workspace(files), inputs, env: env('first') });
    assert.equal(first.main.code, 0, first.main.stdout);
    assert.equal(first.main.outputs.delivered, '1');
    assert.equal(first.post!.code, 0, first.post!.stdout);
    assert.match(first.post!.stdout, /Herald state saved as herald-state-seq-1001-1-first/);
    assert.ok(cache.entries.some((e) => e.key === 'herald-state-seq-1001-1-first' && e.finalized));

    const second = await runActionJob({ cwd: await workspace(files), inputs, env: env('second') });
    assert.equal(second.main.code, 0, second.main.stdout);
    assert.equal(second.main.outputs.deduplicated, '1');
    assert.equal(second.main.outputs.delivered, '0');
    assert.match(second.main.summary, /restored 1 snapshot\(s\): `herald-state-seq-1001-1-first`/);
    assert.equal(receiver.requests.length, 1);
    assert.equal(second.main.exportedEnv.HERALD_STATE_DIR, `${second.runnerTemp}/herald-state/store`);
  });

  it('two parallel jobs each dead-letter a different event; both are kept after the merge', async () => {
    const failing = await startReceiver({ status: 400, body: 'bad' });
    try {
      const [a, b] = await Promise.all(
        ['a', 'b'].map(async (name) => {
          const cwd = await workspace({ 'herald.yml': HOOK_CONFIG, 'events.jsonl': jsonl({ kind: 'post_task', event_id: `par-${name}`, title: `shard ${name} broke` }) });
          return runActionJob({ cwd, inputs: { 'events-file': 'events.jsonl', 'state-key': 'par' }, env: { ...env(`shard-${name}`), HOOK_URL: `${failing.url}/hook/x` } });
        }),
      );
      for (const j of [a!, b!]) {
        assert.equal(j.main.code, 0);
        assert.equal(j.main.outputs['dead-lettered'], '1');
        assert.equal(j.post!.code, 0, j.post!.stdout);
      }
      // The fan-in job lists the entries with its token and merges each one.
      const cwd = await workspace({ 'herald.yml': HOOK_CONFIG, 'events.jsonl': jsonl({ kind: 'post_task', event_id: 'par-fanin', title: 'fan-in' }) });
      const fanIn = await runActionJob({ cwd, inputs: { 'events-file': 'events.jsonl', 'state-key': 'par', 'github-token': 'ghs_testtoken123' }, env: env('fan-in') });
      assert.equal(fanIn.main.code, 0, fanIn.main.stdout);
      assert.match(fanIn.main.stdout, /::add-mask::ghs_testtoken123/);
      assert.deepEqual(cache.listAuthorizations.slice(-1), ['Bearer ghs_testtoken123']);
      assert.match(fanIn.main.summary, /restored 2 snapshot\(s\)/);
      assert.match(fanIn.main.summary, /### Dead letters \(2 kept in state\)/);
      assert.match(fanIn.main.summary, /shard a broke/);
      assert.match(fanIn.main.summary, /shard b broke/);
      assert.equal(fanIn.post!.code, 0);
    } finally {
      await failing.close();
    }
  });

  it('a taken key is a warning and the job stays green', async () => {
    const files = { 'herald.yml': HOOK_CONFIG };
    const inputs = { status: 'success', 'state-key': 'taken' };
    const first = await runActionJob({ cwd: await workspace(files), inputs, env: env('same') });
    assert.equal(first.post!.code, 0);
    // The same run, attempt and job again: its key exists, and entries cannot be overwritten.
    const again = await runActionJob({ cwd: await workspace(files), inputs, env: env('same') });
    assert.equal(again.main.code, 0);
    assert.equal(again.post!.code, 0);
    assert.match(again.post!.stdout, /::warning::Herald state not saved as `herald-state-taken-1001-1-same`/);
    assert.match(again.post!.summary, /⚠️ Herald state not saved/);
  });

  it('a 429 from the cache service is a warning and the job stays green', async () => {
    cache.fail('CreateCacheEntry', { status: 429, headers: { 'retry-after': '60' }, body: { code: 'resource_exhausted', msg: 'rate limited' } });
    const job = await runActionJob({ cwd: await workspace({ 'herald.yml': HOOK_CONFIG }), inputs: { 'state-key': 'rate' }, env: env('limited') });
    assert.equal(job.main.code, 0);
    assert.equal(job.post!.code, 0);
    assert.match(job.post!.stdout, /::warning::Herald state not saved/);
    assert.ok(!cache.entries.some((e) => e.key.startsWith('herald-state-rate-')));
  });

  it('a cache service outage is a warning on restore and on save, and the job stays green', async () => {
    receiver.requests.length = 0;
    const down = { ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/' };
    const job = await runActionJob({ cwd: await workspace({ 'herald.yml': HOOK_CONFIG }), inputs: { status: 'failure', 'state-key': 'down' }, env: env('outage', down) });
    assert.equal(job.main.code, 0, job.main.stdout);
    assert.equal(job.main.outputs.delivered, '1');
    assert.match(job.main.stdout, /::warning::Failed to restore/);
    assert.equal(job.post!.code, 0);
    assert.match(job.post!.stdout, /::warning::Herald state not saved/);
  });

  it('dry-run reads the state to show what would be deduplicated and never saves', async () => {
    receiver.requests.length = 0;
    const files = { 'herald.yml': HOOK_CONFIG, 'events.jsonl': jsonl({ kind: 'post_task', event_id: 'pr-1', title: 'release notes' }) };
    const inputs = { 'events-file': 'events.jsonl', 'state-key': 'pr' };
    await runActionJob({ cwd: await workspace(files), inputs, env: env('main-job') });
    const before = cache.entries.length;
    const preview = await runActionJob({ cwd: await workspace(files), inputs: { ...inputs, 'dry-run': 'true' }, env: env('pr-check') });
    assert.equal(preview.main.code, 0);
    assert.equal(preview.main.outputs.deduplicated, '1');
    assert.match(preview.main.summary, /Would be deduplicated/);
    assert.match(preview.post!.stdout, /dry run: state is not saved/);
    assert.equal(cache.entries.length, before);
    assert.equal(receiver.requests.length, 1);
  });
  it('a living message started by one job is edited by a later job of the run, through the cache', async () => {
    const slack = await startSlackDouble();
    try {
      // One conversation for the whole run: the template leaves the job out.
      const config = `notifications:
  retry: {max_attempts: 2, initial_delay_ms: 10, jitter: 0}
  sinks:
    - id: slack
      kind: slack
      token: \${SLACK_BOT_TOKEN}
      channel: C0RELEASE
      api_base_url: ${slack.url}
      threading: update
      conversation: "release {{labels.repo}}"
`;
      const jobEnv = (job: string) => ({ ...env(job), SLACK_BOT_TOKEN: 'xoxb-test-token' });
      const inputs = { 'state-key': 'living' };
      const build = await runActionJob({ cwd: await workspace({ 'herald.yml': config }), inputs: { ...inputs, event: 'pre_task', status: 'started' }, env: jobEnv('build') });
      assert.equal(build.main.code, 0, build.main.stdout);
      assert.equal(build.post!.code, 0, build.post!.stdout);
      const deploy = await runActionJob({ cwd: await workspace({ 'herald.yml': config }), inputs: { ...inputs, status: 'success' }, env: jobEnv('deploy') });
      assert.equal(deploy.main.code, 0, deploy.main.stdout);
      assert.match(deploy.main.summary, /restored 1 snapshot\(s\)/);
      const parents = slack.parents();
      assert.equal(parents.length, 1, `one message for the run (calls: ${JSON.stringify(slack.calls)})`);
      assert.equal(slack.calls['chat.postMessage'], 1);
      assert.equal(slack.calls['chat.update'], 1, 'the later job edited it');
      assert.match(JSON.stringify(parents[0]!.body), /success/);
      assert.deepEqual(JSON.parse(deploy.main.outputs['message-ids']!), { slack: parents[0]!.id });
    } finally {
      await slack.close();
    }
  });
});
