// A large dedup.jsonl is searched for the few ids a send needs instead of parsed whole (issue 14
// #4): the answers must be the ones a full parse gives — keys anywhere in the file, the last line
// of a key deciding, the window, Bernstein's sinkless lines, escaped ids, entries appended by
// another process — while memory holds only what was asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DirDedupLog } from '../../src/state/dir-dedup.js';
import { encodeDedup } from '../../src/state/dedup-lines.js';
import { DirStore } from '../../src/state/dir.js';
import { tempDir } from '../support/cli.js';

const HOUR_MS = 3600_000;
const policy = { windowMs: 6 * HOUR_MS, lruSize: 200_000 };
const NOW = 1_800_000_000_000;
const quiet = () => {
  const warnings: string[] = [];
  return { warnings, info() {}, debug() {}, error: (m: string) => void warnings.push(m), warn: (m: string) => void warnings.push(m) };
};

/** `count` Herald lines for two sinks, oldest first, all inside the window, around `special` lines. */
function bigFile(count: number, special: { head?: string[]; middle?: string[]; tail?: string[] } = {}): string {
  const lines: string[] = [...(special.head ?? [])];
  for (let i = 0; i < count; i++) {
    if (i === count >> 1) lines.push(...(special.middle ?? []));
    lines.push(encodeDedup({ event_id: `bulk-${i}`, ts: (NOW - HOUR_MS + i) / 1000, sink_id: i % 2 ? 'slack@a1' : 'webhook@b2' }));
  }
  lines.push(...(special.tail ?? []));
  return lines.join('');
}

const line = (event_id: string, tsMs: number, sink_id?: string) =>
  sink_id === undefined ? `{"event_id": "${event_id}", "ts": ${tsMs / 1000}}\n` : encodeDedup({ event_id, ts: tsMs / 1000, sink_id });

const SPECIAL = {
  head: [
    line('first-of-all', NOW - 2 * HOUR_MS, 'slack@a1'),
    line('bernstein-early', NOW - HOUR_MS), // sinkless: every sink
    line('expired-then-fresh', NOW - 7 * HOUR_MS, 'slack@a1'),
    line('fresh-then-expired', NOW - HOUR_MS, 'slack@a1'),
    encodeDedup({ event_id: 'quote"d caf\u00e9 \u2603', ts: (NOW - HOUR_MS) / 1000, sink_id: 'slack@a1' }),
    `{"sink_id": "slack@a1", "ts": ${(NOW - HOUR_MS) / 1000}, "event_id": "raw-utf8-caf\u00e9"}\n`, // another writer: other key order, UTF-8
    line('long-expired', NOW - 30 * HOUR_MS, 'slack@a1'),
    '{"event_id": "corrupt-neighbour", "ts": \n',
  ],
  middle: [line('expired-then-fresh', NOW - HOUR_MS, 'slack@a1'), line('fresh-then-expired', NOW - 8 * HOUR_MS, 'slack@a1')],
  tail: [line('bernstein-late', NOW - 60_000)],
};

async function bigState(count = 100_000): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'dedup.jsonl'), bigFile(count, SPECIAL), { mode: 0o600 });
  return dir;
}

const QUERIES: [sink: string, id: string, ownOnly?: boolean][] = [
  ['slack@a1', 'first-of-all'],
  ['webhook@b2', 'first-of-all'],
  ['slack@a1', 'bulk-1'],
  ['webhook@b2', 'bulk-1'],
  ['webhook@b2', 'bulk-99998'],
  ['slack@a1', 'bulk-9999'],
  ['slack@a1', 'bulk-99'],
  ['discord@c3', 'bernstein-early'],
  ['discord@c3', 'bernstein-early', true],
  ['discord@c3', 'bernstein-late'],
  ['slack@a1', 'expired-then-fresh'],
  ['slack@a1', 'fresh-then-expired'],
  ['slack@a1', 'quote"d caf\u00e9 \u2603'],
  ['slack@a1', 'raw-utf8-caf\u00e9'],
  ['slack@a1', 'long-expired'],
  ['slack@a1', 'corrupt-neighbour'],
  ['slack@a1', 'never-sent'],
  ['slack@a1', 'slack@a1'], // an id that is also a sink id: matches every other line
];

test('searching a 100,000-entry file answers as parsing it does, for keys anywhere in it', async () => {
  const dir = await bigState();
  const parsed = new DirDedupLog(dir, policy, quiet());
  parsed.refresh();
  parsed.live(NOW); // parses everything
  assert.ok(parsed.heldEntries > 100_000);
  const answers: string[] = [];
  for (const [sink, id, ownOnly] of QUERIES) {
    const searched = new DirDedupLog(dir, policy, quiet());
    searched.refresh();
    const seen = searched.isSeen(sink, id, NOW, ownOnly);
    assert.equal(seen, parsed.isSeen(sink, id, NOW, ownOnly), `${sink} ${id}${ownOnly ? ' (own only)' : ''}`);
    answers.push(`${id}:${seen}`);
    searched.close();
  }
  parsed.close();
  // Not only agreement: the answers themselves.
  assert.deepEqual(answers, [
    'first-of-all:true', 'first-of-all:false', 'bulk-1:true', 'bulk-1:false', 'bulk-99998:true', 'bulk-9999:true', 'bulk-99:true',
    'bernstein-early:true', 'bernstein-early:false', 'bernstein-late:true', 'expired-then-fresh:true', 'fresh-then-expired:false',
    'quote"d caf\u00e9 \u2603:true', 'raw-utf8-caf\u00e9:true', 'long-expired:false', 'corrupt-neighbour:false', 'never-sent:false', 'slack@a1:false',
  ]);
});

test('one lookup in a large file holds only the entries of that id in memory', async () => {
  const dir = await bigState();
  const dedup = new DirDedupLog(dir, policy, quiet());
  dedup.refresh();
  assert.equal(dedup.isSeen('slack@a1', 'bulk-3', NOW), true);
  assert.equal(dedup.isSeen('webhook@b2', 'bulk-3', NOW), false);
  assert.equal(dedup.isSeen('slack@a1', 'new-event', NOW), false);
  assert.equal(dedup.heldEntries, 1, 'bulk-3 for slack, nothing else of 100,000');
  dedup.close();
});

test('a batch of many ids gives way to one parse, with the same answers', async () => {
  const dir = await bigState(20_000);
  const dedup = new DirDedupLog(dir, policy, quiet());
  dedup.refresh();
  for (let i = 0; i < 40; i++) assert.equal(dedup.isSeen(i % 2 ? 'slack@a1' : 'webhook@b2', `bulk-${i * 401}`, NOW), true, `bulk-${i * 401}`);
  assert.ok(dedup.heldEntries > 20_000, 'parsed whole after the first ids');
  assert.equal(dedup.isSeen('slack@a1', 'first-of-all', NOW), true);
  dedup.close();
});

test('a large file: what another process confirms later is seen, a torn last line is not trusted until whole', async () => {
  const dir = await bigState();
  const file = join(dir, 'dedup.jsonl');
  const torn = encodeDedup({ event_id: 'being-written', ts: NOW / 1000, sink_id: 'slack@a1' });
  await appendFile(file, torn.slice(0, 20));
  const a = new DirStore(dir, policy, quiet());
  const b = new DirStore(dir, policy, quiet());
  assert.equal(await a.claim('slack@a1', 'being-written', NOW), 'new');
  await a.release('slack@a1', 'being-written');
  await appendFile(file, torn.slice(20));
  assert.equal(await a.claim('slack@a1', 'being-written', NOW), 'seen', 'the line, now whole, counts');
  assert.equal(await b.claim('slack@a1', 'late', NOW), 'new');
  assert.equal(await a.claim('slack@a1', 'late', NOW), 'busy', 'b holds the claim');
  await b.confirm('slack@a1', 'late', NOW);
  assert.equal(await a.claim('slack@a1', 'late', NOW + 1000), 'seen', 'a reads what b appended');
  assert.equal(await a.claim('slack@a1', 'bulk-5', NOW), 'seen');
  await a.close();
  await b.close();
  assert.equal((await stat(file)).mode & 0o777, 0o600);
});

test('a large file mostly past the window is compacted at close: the live entries stay, in Herald\'s line format', async () => {
  const dir = await tempDir();
  const file = join(dir, 'dedup.jsonl');
  let text = '';
  for (let i = 0; i < 20_000; i++) text += line(`old-${i}`, NOW - 10 * HOUR_MS + i, 'slack@a1');
  text += line('bernstein-live', NOW - HOUR_MS);
  for (let i = 0; i < 100; i++) text += line(`live-${i}`, NOW - HOUR_MS + i, 'slack@a1');
  await writeFile(file, text, { mode: 0o600 });
  const store = new DirStore(dir, policy, quiet());
  assert.equal(await store.claim('slack@a1', 'live-7', NOW), 'seen');
  await store.compactIfNeeded(NOW);
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  assert.equal(lines.length, 101);
  assert.ok(lines.includes(encodeDedup({ event_id: 'live-99', ts: (NOW - HOUR_MS + 99) / 1000, sink_id: 'slack@a1' }).trim()));
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.equal(await store.claim('discord@c3', 'bernstein-live', NOW), 'seen', 'a sinkless line still holds for every sink');
  assert.equal(await store.claim('slack@a1', 'old-5', NOW), 'new');
  await store.close();
});

test('a large file far past dedup_lru_size is compacted to the newest entries, and forgetting live ones warns', async () => {
  const dir = await tempDir();
  const file = join(dir, 'dedup.jsonl');
  await writeFile(file, bigFile(10_000), { mode: 0o600 });
  const log = quiet();
  const store = new DirStore(dir, { windowMs: 6 * HOUR_MS, lruSize: 1000 }, log);
  assert.equal(await store.claim('slack@a1', 'bulk-1', NOW), 'seen', 'a search finds what the file holds');
  await store.compactIfNeeded(NOW);
  assert.equal((await readFile(file, 'utf8')).trim().split('\n').length, 1000);
  assert.equal(log.warnings.filter((w) => /dedup_lru_size \(1000\) is full of entries still inside dedup_window_seconds/.test(w)).length, 1);
  assert.equal(await store.claim('slack@a1', 'bulk-1', NOW), 'new', 'forgotten by the bound, as warned');
  assert.equal(await store.claim('slack@a1', 'bulk-9999', NOW), 'seen');
  await store.close();
});

test('a large file with nothing to drop is left as it is', async () => {
  const dir = await bigState(20_000);
  const file = join(dir, 'dedup.jsonl');
  const before = await readFile(file, 'utf8');
  const store = new DirStore(dir, policy, quiet());
  assert.equal(await store.claim('webhook@b2', 'bulk-0', NOW), 'seen');
  await store.compactIfNeeded(NOW);
  await store.close();
  assert.equal(await readFile(file, 'utf8'), before);
});

test('a lease for a large batch reads the file whole at once; one for a few events keeps searching', async () => {
  const dir = await bigState(20_000);
  await mkdir(join(dir, 'claims'), { mode: 0o700 }); // DirStore makes it when it opens
  const few = new DirDedupLog(dir, policy, quiet());
  const releaseFew = await few.lease('slack@a1', 3);
  assert.equal(few.isSeen('slack@a1', 'bulk-7', NOW), true);
  assert.equal(few.heldEntries, 1);
  await releaseFew();
  few.close();
  const many = new DirDedupLog(dir, policy, quiet());
  const releaseMany = await many.lease('slack@a1', 500);
  assert.ok(many.heldEntries > 20_000);
  assert.equal(many.isSeen('slack@a1', 'bulk-7', NOW), true);
  await releaseMany();
  many.close();
});
