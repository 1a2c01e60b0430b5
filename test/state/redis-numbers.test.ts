// Numbers as written in Redis dead letters (issue 13 #8): as in the dir store, a detail written
// `1764482401.0` stays a float and 9007199254740993 stays exact in the stored letter, when it is
// listed, and in the body a replay sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RedisStore } from '../../src/state/redis.js';
import { buildEvent } from '../../src/core/event.js';
import { ExactInt, PyFloat } from '../../src/core/python-format.js';
import { parseRecordText } from '../../src/core/lossless-json.js';
import type { Logger } from '../../src/core/context.js';
import type { DeadLetter } from '../../src/state/store.js';
import { redisSkipReason, startRedis, type RedisServer } from '../support/redis.js';
import { runCli, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';

const skip = redisSkipReason();
const warnings: string[] = [];
const log: Logger = { info: () => undefined, debug: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };

let redis: RedisServer;
before(async () => {
  if (!skip) redis = await startRedis();
});
after(async () => {
  await redis?.close();
});

test('a stored and listed Redis dead letter keeps 1764482401.0 and 9007199254740993 as written', { skip }, async () => {
  const store = await RedisStore.open({ url: redis.url, keyPrefix: 'numbers:', policy: { windowMs: 60_000, lruSize: 100 }, log });
  try {
    // The details as the lossless reader gives them for stdin JSON.
    const details = (parseRecordText('{"ts": 1764482401.0, "big": 9007199254740993, "ratio": 0.5, "n": 3}', { keepFloats: true }) as Record<string, never>);
    const event = buildEvent({ event_id: 'ev-n', kind: 'post_task', title: 'T', details }, 1764482401000);
    const letter: DeadLetter = { id: 'dl-n', sink_id: 'hook', event, reason: 'permanent:HTTP 404', ts: 1764482402.5, attempts: 1 };
    await store.addDeadLetter(letter);
    const client = (store as unknown as { redis: { xrange(key: string, a: string, b: string): Promise<[string, string[]][]> } }).redis;
    const [[, fields]] = (await client.xrange('numbers:dead_letters', '-', '+')) as [[string, string[]]];
    const stored = fields[fields.indexOf('letter') + 1]!;
    assert.match(stored, /"details":\{"ts":1764482401\.0,"big":9007199254740993,"ratio":0\.5,"n":3\}/);
    const [listed] = await store.listDeadLetters();
    const back = listed!.event.details as Record<string, unknown>;
    assert.ok(back.ts instanceof PyFloat && back.ts.value === 1764482401, 'ts stays a float');
    assert.ok(back.big instanceof ExactInt && back.big.text === '9007199254740993', 'big stays exact');
    assert.deepEqual([String(back.ratio), back.n], ['0.5', 3]);
  } finally {
    await store.close();
  }
  assert.deepEqual(warnings, []);
});

const EVENT = '{"event_id": "ev-r", "kind": "post_task", "title": "T", "severity": "error", "timestamp": 1764482401.0, "details": {"ts": 1764482401.0, "big": 9007199254740993, "ratio": 0.5, "n": 3}}';

test('herald send → Redis dead letter → dlq replay sends the numbers the input wrote', { skip }, async (t) => {
  const gone = await startReceiver({ status: 404 });
  t.after(() => gone.close());
  const dir = await workspace({ 'herald.yml': `notifications:\n  sinks:\n    - {id: dead, kind: webhook, url: "${gone.url}/x"}\n` });
  const env = { HERALD_STATE_URL: redis.url };
  const sent = await runCli(['send', '--payload-file', '-'], { cwd: dir, source: true, input: EVENT, env });
  assert.equal(sent.code, 0, sent.stderr);
  assert.equal(gone.requests.length, 1);
  gone.setFallback({ status: 200 });
  const replayed = await runCli(['dlq', 'replay'], { cwd: dir, source: true, env });
  assert.equal(replayed.code, 0, replayed.stderr);
  assert.equal(gone.requests.length, 2);
  assert.equal(gone.requests[1]!.body, gone.requests[0]!.body, 'the replay sends the first attempt\'s bytes');
  assert.match(gone.requests[1]!.body, /"details":\{"ts":1764482401\.0,"big":9007199254740993,"ratio":0\.5,"n":3\}\}$/);
});
