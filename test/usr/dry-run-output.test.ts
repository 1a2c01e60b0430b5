// Between batches a dry run yields to the event loop while stdout has output queued (so a pipe's
// reader takes it during the next batch) and waits for a full drain only past a bound, so a slow
// reader still keeps memory bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Writable } from 'node:stream';
import { outputBackpressure } from '../../src/cli/watch.js';

/** A stream whose writes complete only when released, like a pipe nobody reads. */
function heldStream() {
  const held: (() => void)[] = [];
  const stream = new Writable({ write: (_chunk, _encoding, done) => void held.push(done) });
  return { stream, release: () => held.splice(0).forEach((done) => done()) };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

test('nothing queued: no wait at all', () => {
  assert.equal(outputBackpressure(new Writable({ write: (_c, _e, done) => done() })), undefined);
});

test('a little queued: one event-loop turn, not a drain', async () => {
  const { stream } = heldStream();
  stream.write(Buffer.alloc(64 * 1024));
  const wait = outputBackpressure(stream);
  assert.ok(wait, 'yields while output is queued');
  await wait; // resolves although the write never completed
  assert.ok(stream.writableLength > 0);
});

test('past the bound: waits until the queue has drained', async () => {
  const { stream, release } = heldStream();
  for (let i = 0; i < 5; i++) stream.write(Buffer.alloc(1 << 20));
  let drained = false;
  const wait = outputBackpressure(stream)!.then(() => (drained = true));
  await turns(5);
  assert.equal(drained, false, 'still waiting while 5 MiB are queued');
  for (let i = 0; i < 10 && stream.writableLength > 0; i++) {
    release();
    await turns(1);
  }
  await wait;
  assert.equal(drained, true);
  assert.equal(stream.writableLength, 0);
});
