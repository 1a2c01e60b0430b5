// Pack throttle states reach the store once per cursor commit: the last state of each run that
// changed, in one write, and nothing when nothing changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PackStateStore } from '../../src/sources/usr-events/pack-state.js';
import { DirStore } from '../../src/state/dir.js';
import { tempDir } from '../support/cli.js';
import type { Logger } from '../../src/core/context.js';

const log: Logger = { info() {}, debug() {}, warn() {}, error() {} };

test('persist writes the last state of each changed run in one setValues call', async () => {
  const store = new DirStore(join(await tempDir(), 'state'), { windowMs: 60_000, lruSize: 100 }, log);
  const writes: string[][] = [];
  const setValues = store.setValues.bind(store);
  store.setValues = async (entries, nowMs) => {
    writes.push(entries.map((e) => e.key));
    await setValues(entries, nowMs);
  };
  const packs = new PackStateStore(store, 'cursor');
  assert.deepEqual(await packs.load('densegen', 'r1'), {});
  await packs.persist(
    [
      { bucket: 'densegen', runId: 'r1', state: { beats: 1 } },
      { bucket: 'densegen', runId: 'r2', state: { beats: 1 } },
      { bucket: 'densegen', runId: 'r1', state: { beats: 2 } },
    ],
    1_000,
  );
  assert.deepEqual(writes, [['usr-pack:cursor:densegen:r1', 'usr-pack:cursor:densegen:r2']]);
  assert.deepEqual(await store.getValue('usr-pack:cursor:densegen:r1'), { beats: 2 }, 'the last state of the run');
  await packs.persist([{ bucket: 'densegen', runId: 'r1', state: { beats: 2 } }], 2_000);
  assert.deepEqual(writes.at(-1), [], 'an unchanged state is not written again');
  const restarted = new PackStateStore(store, 'cursor');
  assert.deepEqual(await restarted.load('densegen', 'r2'), { beats: 1 });
  await store.close();
});
