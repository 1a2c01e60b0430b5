import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSlackDouble } from '../support/chat-doubles.js';
import { redisSkipReason, startRedis } from '../support/redis.js';
import { FAST_RETRY, runEvent, sharedFolder } from './harness.js';
import { DirStore } from '../../src/state/dir.js';
import { mergeSnapshots } from '../../src/state/merge.js';
import type { MessageRefRecord } from '../../src/state/store.js';

const slack = await startSlackDouble({ postDelayMs: 300 });
after(() => slack.close());
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const policy = { windowMs: 3600_000, lruSize: 1000 };
const NOW = 1_700_000_000_000;

const ref = (id: string, tsSeconds: number, conversation = 'r-1/t-1'): MessageRefRecord => ({ sink_id: 'slack@abc', conversation, ref: { id, channel: 'C1' }, ts: tsSeconds, expires: tsSeconds + 7 * 86400 });

test('two processes racing on Redis over one conversation create one parent', { skip: redisSkipReason() }, async () => {
  const redis = await startRedis();
  try {
    slack.reset();
    const shared = await sharedFolder(`notifications:
  retry: ${FAST_RETRY}
  sinks:
    - id: slack
      kind: slack
      token: xoxb-test-token
      channel: "#ops"
      api_base_url: ${slack.url}
      threading: update
      rate_limit: null
`);
    const [a, b] = await Promise.all([shared.open({ state: redis.url }), shared.open({ state: redis.url })]);
    const outcomes = await Promise.all([
      a.deliver([runEvent({ kind: 'pre_task', title: 'array task started', event_id: 'a-1' })]),
      b.deliver([runEvent({ kind: 'post_task', title: 'array task done', event_id: 'b-1' }, 1)]),
    ]);
    await Promise.all([a.close(), b.close()]);
    assert.deepEqual(outcomes.flat().map((o) => o.outcome), ['delivered', 'delivered']);
    assert.equal(slack.calls['chat.postMessage'], 1, 'one parent');
    assert.equal(slack.calls['chat.update'], 1, 'the other process edited it');
    assert.equal(slack.parents().length, 1);
  } finally {
    await redis.close();
  }
});

test('two processes racing on one state folder create one parent', async () => {
  slack.reset();
  const shared = await sharedFolder(`notifications:
  sinks:
    - id: slack
      kind: slack
      token: xoxb-test-token
      channel: "#ops"
      api_base_url: ${slack.url}
      threading: update
      rate_limit: null
`);
  const [a, b] = await Promise.all([shared.open(), shared.open()]);
  await Promise.all([a.deliver([runEvent({ kind: 'pre_task', event_id: 'a-1' })]), b.deliver([runEvent({ kind: 'post_task', event_id: 'b-1' }, 1)])]);
  await Promise.all([a.close(), b.close()]);
  assert.equal(slack.calls['chat.postMessage'], 1);
  assert.equal(slack.calls['chat.update'], 1);
  const file = join(shared.dir, '.herald', 'state', 'message-refs.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('snapshot merge keeps the newer reference, in either order, and drops expired ones and claims', () => {
  const empty = { schemaVersion: 1 as const, dedup: [], deadLetters: [], cursors: {}, values: {} };
  const older = { ...empty, messageRefs: [ref('1.000', NOW / 1000 - 60), ref('9.000', NOW / 1000 - 8 * 86400, 'old/run')] };
  const newer = { ...empty, messageRefs: [ref('2.000', NOW / 1000 - 10), { ...ref('', NOW / 1000), conversation: 'claimed', ref: null }] };
  for (const [x, y] of [[older, newer], [newer, older]] as const) {
    const merged = mergeSnapshots(x, y, NOW, policy.windowMs);
    assert.deepEqual(merged.messageRefs!.map((r) => [r.conversation, r.ref?.id]), [['r-1/t-1', '2.000']]);
  }
  assert.deepEqual(mergeSnapshots(empty, empty, NOW, policy.windowMs).messageRefs, [], 'snapshots of older versions carry none');
});

test('a job restoring an older cache snapshot keeps the newer reference it already has', async () => {
  const store = new DirStore(await mkdtemp(join(tmpdir(), 'herald-refs-')), policy, quiet);
  await store.putMessageRef(ref('2.000', NOW / 1000 - 10), NOW);
  const olderJob = new DirStore(await mkdtemp(join(tmpdir(), 'herald-refs-')), policy, quiet);
  await olderJob.putMessageRef(ref('1.000', NOW / 1000 - 60), NOW);
  await store.importSnapshot(await olderJob.exportSnapshot(NOW), NOW);
  assert.equal((await store.getMessageRef('slack@abc', 'r-1/t-1', NOW))?.ref?.id, '2.000');
  await olderJob.importSnapshot(await store.exportSnapshot(NOW), NOW);
  assert.equal((await olderJob.getMessageRef('slack@abc', 'r-1/t-1', NOW))?.ref?.id, '2.000', 'the older job learns the newer reference');
  await Promise.all([store.close(), olderJob.close()]);
});

test('put-if-absent refuses while a live record is there and succeeds once it expired', async () => {
  const store = new DirStore(await mkdtemp(join(tmpdir(), 'herald-refs-')), policy, quiet);
  const claim = { ...ref('', NOW / 1000), ref: null, expires: NOW / 1000 + 60 };
  assert.equal(await store.putMessageRefIfAbsent(claim, NOW), true);
  assert.equal(await store.putMessageRefIfAbsent(claim, NOW), false);
  assert.equal(await store.putMessageRefIfAbsent(claim, NOW + 61_000), true, 'an expired claim (a dead process) is taken over');
  await store.close();
});

test('a state store that cannot be read still delivers: a new message, and a warning', async () => {
  slack.reset();
  const shared = await sharedFolder(`notifications:
  sinks:
    - id: slack
      kind: slack
      token: xoxb-test-token
      channel: C1
      api_base_url: ${slack.url}
      threading: update
      rate_limit: null
`);
  const notADir = join(shared.dir, 'herald.yml');
  const herald = await shared.open({ stateDir: notADir });
  const outcomes = await herald.deliver([runEvent({ kind: 'pre_task', event_id: 'x-1' })]);
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), ['delivered']);
  assert.equal(slack.calls['chat.postMessage'], 1);
  assert.ok(shared.warnings.some((w) => /message references unavailable/.test(w)), shared.warnings.join('\n'));
});
