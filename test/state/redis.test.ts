import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RedisStore } from '../../src/state/redis.js';
import { DirStore } from '../../src/state/dir.js';
import { AuditLog, verifyChain } from '../../src/dispatch/audit.js';
import { buildEvent } from '../../src/core/event.js';
import type { Logger } from '../../src/core/context.js';
import type { DeadLetter } from '../../src/state/store.js';
import { freePort, redisSkipReason, startRedis, type RedisServer } from '../support/redis.js';
import { runCli, tempDir, workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const skip = redisSkipReason();
const warnings: string[] = [];
const log: Logger = { info: () => undefined, debug: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
const policy = { windowMs: 60_000, lruSize: 10_000 };

let redis: RedisServer;
let receiver: Receiver;
before(async () => {
  if (skip) return;
  redis = await startRedis({ appendonly: true });
  receiver = await startReceiver();
});
after(async () => {
  await redis?.close();
  await receiver?.close();
});

let prefixSeq = 0;
function open(keyPrefix = `t${process.pid}-${prefixSeq++}:`): Promise<RedisStore> {
  return RedisStore.open({ url: redis.url, keyPrefix, policy, log });
}

function letter(n: number, sink = 'hook'): DeadLetter {
  const event = buildEvent({ kind: 'post_task', task_id: `t${n}`, timestamp: 1000 + n }, 1000 + n);
  return { id: `dl-${n}`, sink_id: sink, event, reason: 'permanent:HTTP 400', ts: 2000 + n, attempts: 1 };
}

test('a claim is new once, busy while held, seen after confirm, and free again after release', { skip }, async () => {
  const a = await open();
  const b = await open((a as unknown as { prefix: string }).prefix);
  const now = Date.now();
  assert.equal(await a.claim('hook', 'e1', now), 'new');
  assert.equal(await b.claim('hook', 'e1', now), 'busy');
  await b.release('hook', 'e1'); // not b's claim: must not drop it
  assert.equal(await b.claim('hook', 'e1', now), 'busy');
  await a.confirm('hook', 'e1', now);
  assert.equal(await b.claim('hook', 'e1', now), 'seen');
  assert.equal(await b.claim('other-sink', 'e1', now), 'new');
  assert.equal(await a.claim('hook', 'e2', now), 'new');
  await a.release('hook', 'e2');
  assert.equal(await b.claim('hook', 'e2', now), 'new');
  await a.close();
  await b.close();
});

test('dead letters: a rewrite replaces by id, removal by id, cursors and values round-trip', { skip }, async () => {
  const store = await open();
  await store.addDeadLetter(letter(1));
  await store.addDeadLetter(letter(2));
  await store.addDeadLetter({ ...letter(1), ts: 3000, attempts: 3 });
  const letters = await store.listDeadLetters();
  assert.deepEqual(letters.map((l) => [l.id, l.attempts]), [['dl-2', 1], ['dl-1', 3]]);
  assert.equal(await store.removeDeadLetters(['dl-1', 'dl-missing']), 1);
  assert.deepEqual((await store.listDeadLetters()).map((l) => l.id), ['dl-2']);
  await store.setCursor('usr', 1234);
  assert.equal(await store.getCursor('usr'), 1234);
  await store.setValue('throttle', { last: 5 }, Date.now());
  assert.deepEqual(await store.getValue('throttle'), { last: 5 });
  await store.setValues([{ key: 'run-a', value: { n: 1 } }, { key: 'throttle', value: { last: 6 } }], Date.now());
  assert.deepEqual([await store.getValue('run-a'), await store.getValue('throttle')], [{ n: 1 }, { last: 6 }]);
  await store.close();
});

test('the audit chain stays one verifiable chain under four concurrent writers', { skip }, async () => {
  const prefix = `audit-${process.pid}:`;
  const key = 'k'.repeat(32);
  const stores = await Promise.all([0, 1, 2, 3].map(() => open(prefix)));
  await Promise.all(
    stores.map((store, w) => {
      const audit = new AuditLog(key, store);
      return Promise.all(Array.from({ length: 50 }, (_, i) => audit.record({ event_id: `e${w}-${i}`, sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, Date.now())));
    }),
  );
  const result = await verifyChain(key, stores[0]!.readAudit());
  assert.deepEqual(result, { ok: true, count: 200 });
  await Promise.all(stores.map((s) => s.close()));
});

test('the Redis chain keeps a sealed head: a trimmed or deleted list fails verification', { skip }, async () => {
  const { verifyAudit } = await import('../../src/dispatch/audit-verify.js');
  const key = 'k'.repeat(32);
  const prefix = `audit-head-${process.pid}:`;
  const store = await open(prefix);
  const audit = new AuditLog(key, store);
  for (let i = 0; i < 5; i++) await audit.record({ event_id: `e${i}`, sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, Date.now());
  assert.deepEqual(await verifyAudit(key, store), { ok: true, count: 5 });
  const raw = (store as unknown as { redis: { ltrim(k: string, a: number, b: number): Promise<unknown>; del(k: string): Promise<unknown> } }).redis;
  await raw.ltrim(`${prefix}audit`, 0, 2);
  assert.match((await verifyAudit(key, store)).broken?.reason ?? '', /missing tail: .* records 5 entries, the log holds 3/);
  await raw.del(`${prefix}audit`);
  assert.match((await verifyAudit(key, store)).broken?.reason ?? '', /empty or deleted/);
  await store.close();
});

test('state moves between dir and redis through export/import snapshots', { skip }, async () => {
  const dir = new DirStore(await tempDir(), policy, log);
  const now = Date.now();
  await dir.confirm('hook', 'moved', now);
  await dir.addDeadLetter(letter(9));
  await dir.setCursor('usr', 77);
  const store = await open();
  await store.importSnapshot(await dir.exportSnapshot(now), now);
  assert.equal(await store.claim('hook', 'moved', now), 'seen');
  assert.deepEqual((await store.listDeadLetters()).map((l) => l.id), ['dl-9']);
  assert.equal(await store.getCursor('usr'), 77);
  const back = new DirStore(await tempDir(), policy, log);
  await back.importSnapshot(await store.exportSnapshot(now), now);
  assert.equal(await back.claim('hook', 'moved', now), 'seen');
  await Promise.all([dir.close(), store.close(), back.close()]);
});

test('a Redis restart mid-run loses no dead letter (writes retry through the reconnect; AOF keeps them)', { skip }, async () => {
  const store = await open();
  const writes: Promise<void>[] = [];
  let restarting: Promise<void> | undefined;
  warnings.length = 0;
  for (let i = 0; i < 100; i++) {
    writes.push(store.addDeadLetter(letter(i)));
    if (i === 20) restarting = redis.restart(800); // writes 21… are issued while Redis is down
    await new Promise((r) => setTimeout(r, 15));
  }
  await restarting;
  await Promise.all(writes);
  assert.ok(warnings.some((w) => /retrying while Redis reconnects/.test(w)), 'some writes met the restart');
  assert.equal((await store.listDeadLetters()).length, 100);
  await store.close();
});

function config(extra = ''): string {
  return `notifications:\n  sinks:\n    - id: hook\n      kind: webhook\n      url: ${receiver.url}/hook\n    - id: hook2\n      kind: webhook\n      url: ${receiver.url}/hook2\n${extra}`;
}

test('8 herald processes racing over the same 500 events deliver each exactly once per sink', { skip, timeout: 120_000 }, async () => {
  const prefix = `race-${process.pid}:`;
  const lines = Array.from({ length: 500 }, (_, i) => JSON.stringify({ kind: 'post_task', event_id: `race-${i}`, task_id: `t${i}` })).join('\n');
  const cwd = await workspace({ 'herald.yml': config(`  state:\n    backend: redis\n    key_prefix: "${prefix}"\n`), 'events.jsonl': lines });
  const start = receiver.requests.length;
  const runs = await Promise.all(
    Array.from({ length: 8 }, () => runCli(['send', '--payload-file', 'events.jsonl', '--json'], { cwd, source: true, env: { HERALD_STATE_URL: redis.url }, timeoutMs: 110_000 })),
  );
  for (const run of runs) assert.equal(run.code, 0, run.stderr);
  const counts = new Map<string, number>();
  for (const req of receiver.requests.slice(start)) {
    const key = `${req.path} ${(req.json as { event_id: string }).event_id}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 1000, 'every event reached both sinks');
  assert.deepEqual([...counts.values()].filter((n) => n !== 1), [], 'no event was delivered twice');
});

test('unreachable Redis: exit 2 naming the host, never the password', { skip }, async () => {
  const port = await freePort();
  const cwd = await workspace({ 'herald.yml': config() });
  const result = await runCli(['send', '--state', `redis://:s3cretpass@127.0.0.1:${port}`, '--title', 'x'], { cwd, source: true });
  assert.equal(result.code, 2);
  assert.match(result.stderr, new RegExp(`redis at redis://127\\.0\\.0\\.1:${port} is unreachable`));
  assert.match(result.stderr, /on_unavailable: dir/);
  assert.doesNotMatch(result.stderr, /s3cretpass/);
});

test('unreachable Redis with on_unavailable: dir falls back to the local directory with a warning', { skip }, async () => {
  const port = await freePort();
  const cwd = await workspace({ 'herald.yml': config(`  state:\n    backend: redis\n    url: redis://:\${REDIS_PASSWORD}@127.0.0.1:${port}/0\n    on_unavailable: dir\n`) });
  const start = receiver.requests.length;
  const result = await runCli(['send', '--title', 'fallback', '--event-id', 'fb-1'], { cwd, source: true, env: { REDIS_PASSWORD: 'pa55word-x' } });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /warning: .*unreachable.*using the local state directory/);
  assert.doesNotMatch(result.stderr, /pa55word-x/);
  assert.equal(receiver.requests.length, start + 2);
  assert.ok(existsSync(join(cwd, '.herald', 'state', 'dedup.jsonl')), 'the local state directory took the dedup records');
});

test('redis with a password: auth from ${VAR} works and state show hides the password', { skip }, async () => {
  const secured = await startRedis({ password: 'topsecret-pw' });
  try {
    const cwd = await workspace({ 'herald.yml': config(`  state:\n    backend: redis\n    url: redis://:\${REDIS_PASSWORD}@127.0.0.1:${secured.port}\n`) });
    const env = { REDIS_PASSWORD: 'topsecret-pw' };
    const sent = await runCli(['send', '--title', 'auth', '--event-id', 'auth-1'], { cwd, source: true, env });
    assert.equal(sent.code, 0, sent.stderr);
    const shown = await runCli(['state', 'show', '--json'], { cwd, source: true, env });
    const summary = JSON.parse(shown.stdout) as { backend: string; location: string; dedupEntries: number };
    assert.equal(summary.backend, 'redis');
    assert.equal(summary.dedupEntries, 2);
    assert.doesNotMatch(shown.stdout + shown.stderr, /topsecret-pw/);
  } finally {
    await secured.close();
  }
});

test('a replay claim (ownOnly) ignores a sinkless Bernstein entry but not the sink\'s own record', { skip }, async () => {
  const store = await open();
  const now = Date.now();
  await store.importSnapshot({ schemaVersion: 1, dedup: [{ sink_id: '*', event_id: 'old', ts: now / 1000 }], deadLetters: [], cursors: {}, values: {} }, now);
  assert.equal(await store.claim('hook', 'old', now), 'seen', 'an ordinary send honours it');
  assert.equal(await store.claim('hook', 'old', now, { ownOnly: true }), 'new');
  await store.confirm('hook', 'old', now);
  assert.equal(await store.claim('hook', 'old', now, { ownOnly: true }), 'seen');
  await store.close();
});
