import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DirStore } from '../../src/state/dir.js';
import { buildEvent } from '../../src/core/event.js';
import { tempDir } from '../support/cli.js';
import type { Logger } from '../../src/core/context.js';

const quiet = (): Logger & { warnings: string[] } => {
  const warnings: string[] = [];
  return { warnings, info() {}, debug() {}, error: (m) => warnings.push(m), warn: (m) => warnings.push(m) };
};
const policy = { windowMs: 60_000, lruSize: 2048 };

test('files are 0600 and folders 0700', async () => {
  const dir = join(await tempDir(), 'state');
  const store = new DirStore(dir, policy, quiet());
  await store.claim('s', 'e', 1000);
  await store.confirm('s', 'e', 1000);
  await store.addDeadLetter({ id: 'dl-1', sink_id: 's', event: buildEvent({ kind: 'post_task', event_id: 'e2' }, 1), reason: 'permanent:x', ts: 1, attempts: 1 });
  await store.setCursor('log', 42);
  await store.close();
  assert.equal((await stat(dir)).mode & 0o777, 0o700);
  for (const name of ['dedup.jsonl', 'dead_letter.jsonl']) assert.equal((await stat(join(dir, name))).mode & 0o777, 0o600, name);
  assert.equal((await readFile(join(dir, 'cursors', 'log'), 'utf8')), '42\n');
});

test('dedup survives a new instance (a restart), keyed per sink, inside the window only', async () => {
  const dir = await tempDir();
  const first = new DirStore(dir, policy, quiet());
  assert.equal(await first.claim('slack', 'ev', 1_000), 'new');
  await first.confirm('slack', 'ev', 1_000);
  await first.close();
  const second = new DirStore(dir, policy, quiet());
  assert.equal(await second.claim('slack', 'ev', 30_000), 'seen');
  assert.equal(await second.claim('discord', 'ev', 30_000), 'new', 'another sink still gets it');
  assert.equal(await second.claim('slack', 'ev', 61_001), 'new', 'the window has passed');
  const line = (await readFile(join(dir, 'dedup.jsonl'), 'utf8')).split('\n')[0];
  assert.equal(line, '{"event_id": "ev", "ts": 1.0, "sink_id": "slack"}');
});

test('Bernstein dedup lines without a sink hold for every sink', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'dedup.jsonl'), '{"event_id": "old", "ts": 100.5}\n');
  const store = new DirStore(dir, { windowMs: 10_000, lruSize: 16 }, quiet());
  assert.equal(await store.claim('any', 'old', 101_000), 'seen');
});

test('a claim held by a live process is busy; one of a dead process is taken over', async () => {
  const dir = await tempDir();
  const a = new DirStore(dir, policy, quiet());
  const b = new DirStore(dir, policy, quiet());
  assert.equal(await a.claim('s', 'race', 1000), 'new');
  assert.equal(await b.claim('s', 'race', 1000), 'busy');
  await a.release('s', 'race');
  assert.equal(await b.claim('s', 'race', 1000), 'new');
  await b.confirm('s', 'race', 1000);
  assert.equal(await a.claim('s', 'race', 2000), 'seen', 'a sees what b appended');
  const claims = join(dir, 'claims');
  assert.equal(await a.claim('s', 'orphan', 1000), 'new');
  const [name] = await readdir(claims);
  await writeFile(join(claims, name!), '999999999 1000\n'); // a pid that does not exist
  assert.equal(await b.claim('s', 'orphan', 1000), 'new');
});

test('the LRU bound and the window both take effect; compaction drops what neither keeps', async () => {
  const dir = await tempDir();
  const store = new DirStore(dir, { windowMs: 60_000, lruSize: 16 }, quiet());
  for (let i = 0; i < 40; i++) {
    await store.claim('s', `e${i}`, 1000);
    await store.confirm('s', `e${i}`, 1000);
  }
  assert.equal(await store.claim('s', 'e0', 2000), 'new', 'evicted by the LRU bound');
  await store.release('s', 'e0');
  assert.equal(await store.claim('s', 'e39', 2000), 'seen');
  const { dedupRemoved } = await store.prune(2000);
  assert.equal(dedupRemoved, 24);
  const lines = (await readFile(join(dir, 'dedup.jsonl'), 'utf8')).trim().split('\n');
  assert.equal(lines.length, 16);
});

test('a torn or corrupt line is skipped with a warning, never a crash', async () => {
  const dir = await tempDir();
  const log = quiet();
  await writeFile(join(dir, 'dedup.jsonl'), '{"event_id": "a", "ts": 1.0, "sink_id": "s"}\nnot json\n{"event_id": "b", "ts": 1.0, "sink_id": "s"}\n{"event_id": "c", "ts"');
  await writeFile(join(dir, 'dead_letter.jsonl'), '{"event": {"event_id": "x", "kind": "post_task"}, "reason": "permanent:y", "sink_id": "s", "ts": 2.0}\n{"broken\n');
  const store = new DirStore(dir, { windowMs: 10_000, lruSize: 16 }, log);
  assert.equal(await store.claim('s', 'b', 2000), 'seen');
  assert.equal(await store.claim('s', 'c', 2000), 'new', 'the torn last line is not trusted');
  const letters = await store.listDeadLetters();
  assert.equal(letters.length, 1);
  assert.match(letters[0]!.id, /^dl-[0-9a-f]{16}$/, 'a Bernstein record gets a stable id');
  assert.equal((await store.listDeadLetters())[0]!.id, letters[0]!.id);
  assert.ok(log.warnings.some((w) => /skipped line 2/.test(w)));
});

test('dead-letter rotation never overwrites: 20 records through a 64-byte limit are all kept', async () => {
  const dir = await tempDir();
  const store = new DirStore(dir, policy, quiet(), 64);
  for (let i = 0; i < 20; i++) {
    await store.addDeadLetter({ id: `dl-${i}`, sink_id: 's', event: buildEvent({ kind: 'post_task', event_id: `e${i}` }, 1), reason: 'permanent:x', ts: 1 + i, attempts: 1 });
  }
  const rotated = (await readdir(dir)).filter((n) => n.startsWith('dead_letter.jsonl.'));
  assert.equal(rotated.length, 19);
  assert.equal((await store.listDeadLetters()).length, 20);
  assert.equal(await store.removeDeadLetters(['dl-3', 'dl-19']), 2);
  assert.deepEqual((await store.listDeadLetters()).map((l) => l.id).includes('dl-3'), false);
  assert.equal((await store.listDeadLetters()).length, 18);
});

test('snapshots merge by rule: dedup newest wins with expiry, dead letters by union, cursors by max', async () => {
  const { mergeSnapshots } = await import('../../src/state/merge.js');
  const ev = buildEvent({ kind: 'post_task', event_id: 'x' }, 1);
  const a = { schemaVersion: 1 as const, dedup: [{ sink_id: 's', event_id: 'e', ts: 100 }, { sink_id: 's', event_id: 'old', ts: 1 }], deadLetters: [{ id: 'd1', sink_id: 's', event: ev, reason: 'r', ts: 5, attempts: 1 }], cursors: { log: 10 }, values: { k: { value: 1, ts: 1 } } };
  const b = { schemaVersion: 1 as const, dedup: [{ sink_id: 's', event_id: 'e', ts: 150 }], deadLetters: [{ id: 'd2', sink_id: 's', event: ev, reason: 'r', ts: 6, attempts: 1 }], cursors: { log: 7, other: 3 }, values: { k: { value: 2, ts: 2 } } };
  const ab = mergeSnapshots(a, b, 200_000, 150_000);
  const ba = mergeSnapshots(b, a, 200_000, 150_000);
  assert.deepEqual(ab, ba);
  assert.deepEqual(ab.dedup, [{ sink_id: 's', event_id: 'e', ts: 150 }]);
  assert.deepEqual(ab.deadLetters.map((l) => l.id), ['d1', 'd2']);
  assert.deepEqual(ab.cursors, { log: 10, other: 3 });
  assert.equal(ab.values.k!.value, 2);
});

test('export then import into another folder carries dedup, dead letters and cursors', async () => {
  const from = new DirStore(await tempDir(), policy, quiet());
  await from.claim('s', 'e', Date.now());
  await from.confirm('s', 'e', Date.now());
  await from.addDeadLetter({ id: 'dl-x', sink_id: 's', event: buildEvent({ kind: 'post_task', event_id: 'z' }, 1), reason: 'permanent:x', ts: 1, attempts: 1 });
  await from.setCursor('log', 99);
  const snapshot = await from.exportSnapshot(Date.now());
  const toDir = await tempDir();
  await appendFile(join(toDir, 'dedup.jsonl'), '');
  const to = new DirStore(toDir, policy, quiet());
  await to.importSnapshot(snapshot, Date.now());
  assert.equal(await to.claim('s', 'e', Date.now()), 'seen');
  assert.equal((await to.listDeadLetters())[0]!.id, 'dl-x');
  assert.equal(await to.getCursor('log'), 99);
});

test('a dead letter replayed or dropped does not come back from an older snapshot merged later', async () => {
  const now = Date.now();
  const letter = (id: string, ts: number) => ({ id, sink_id: 's', event: buildEvent({ kind: 'post_task', event_id: id }, ts), reason: 'permanent:x', ts, attempts: 1 });
  const job = new DirStore(await tempDir(), policy, quiet());
  await job.addDeadLetter(letter('dl-old', now / 1000 - 60));
  await job.addDeadLetter(letter('dl-kept', now / 1000 - 50));
  // A parallel job's snapshot, saved before the drop: it still holds both letters.
  const olderSnapshot = await job.exportSnapshot(now);
  assert.equal(await job.removeDeadLetters(['dl-old']), 1);
  await job.importSnapshot(olderSnapshot, now);
  assert.deepEqual((await job.listDeadLetters()).map((l) => l.id), ['dl-kept']);
  // The tombstone travels with the next snapshot, so a later job that merges both agrees.
  const next = new DirStore(await tempDir(), policy, quiet());
  await next.importSnapshot(olderSnapshot, now);
  await next.importSnapshot(await job.exportSnapshot(now), now);
  assert.deepEqual((await next.listDeadLetters()).map((l) => l.id), ['dl-kept']);
  assert.ok((await job.exportSnapshot(now)).removedDeadLetters?.['dl-old']);
  // A tombstone is forgotten after its retention: it cannot grow without bound.
  const later = now + 8 * 24 * 3600_000;
  assert.equal((await job.exportSnapshot(later)).removedDeadLetters?.['dl-old'] !== undefined, true, 'kept on disk until a merge prunes it');
  await job.importSnapshot({ schemaVersion: 1, dedup: [], deadLetters: [], cursors: {}, values: {} }, later);
  assert.equal((await job.exportSnapshot(later)).removedDeadLetters?.['dl-old'], undefined);
  await job.close();
  await next.close();
});

test('an LRU that must forget an entry still inside the window says so, once', async () => {
  const { DirStore } = await import('../../src/state/dir.js');
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const warnings: string[] = [];
  const log = { info() {}, warn: (m: string) => void warnings.push(m), error() {}, debug() {} };
  const store = new DirStore(await mkdtemp(join(tmpdir(), 'herald-lru-')), { windowMs: 3_600_000, lruSize: 16 }, log);
  for (let i = 0; i < 20; i++) {
    assert.equal(await store.claim('s', `e${i}`, 1000 + i), 'new');
    await store.confirm('s', `e${i}`, 1000 + i);
  }
  await store.close();
  assert.equal(warnings.filter((w) => /dedup_lru_size \(16\) is full of entries still inside dedup_window_seconds/.test(w)).length, 1);
});

test('a replay claim (ownOnly) ignores a sinkless Bernstein line but not the sink\'s own record', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'dedup.jsonl'), '{"event_id": "old", "ts": 100.5}\n');
  const store = new DirStore(dir, { windowMs: 10_000, lruSize: 16 }, quiet());
  assert.equal(await store.claim('any', 'old', 101_000, { ownOnly: true }), 'new');
  await store.confirm('any', 'old', 101_000);
  assert.equal(await store.claim('any', 'old', 102_000, { ownOnly: true }), 'seen');
  await store.close();
});

test('setValues writes several values with one replace of values.json, keeping the others', async () => {
  const dir = await tempDir();
  const store = new DirStore(dir, policy, quiet());
  await store.setValue('kept', { n: 0 }, 1_000);
  await store.setValues([{ key: 'a', value: { n: 1 } }, { key: 'b', value: [2] }, { key: 'kept', value: { n: 3 } }], 2_000);
  await store.setValues([], 3_000);
  await store.close();
  const again = new DirStore(dir, policy, quiet());
  assert.deepEqual([await again.getValue('a'), await again.getValue('b'), await again.getValue('kept')], [{ n: 1 }, [2], { n: 3 }]);
  const values = JSON.parse(await readFile(join(dir, 'values.json'), 'utf8')) as Record<string, { ts: number }>;
  assert.deepEqual(Object.keys(values).sort(), ['a', 'b', 'kept']);
  assert.equal(values.a!.ts, 2, 'stamped with the time of the write');
  assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp') || name === 'lock'), [], 'no temp file or lock left behind');
});
