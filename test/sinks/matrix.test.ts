import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { MATRIX_TEXT_LIMIT, matrixContent, matrixTxnId } from '../../src/sinks/matrix.js';

const receiver = await startReceiver({ status: 200, json: { event_id: '$abc:example.org' } });
after(() => receiver.close());

const TOKEN = 'syt_aGVyYWxk_secretTokenValue_1a2b3c';
const ROOM = '!ops:example.org';
const config = (id = 'mx', extra = '') => `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, backoff_factor: 2, max_delay_ms: 50, jitter: 0}
  sinks:
    - id: ${id}
      kind: matrix
      homeserver: ${receiver.url}
      room_id: "${ROOM}"
      access_token: \${MATRIX_TOKEN}
${extra}`;
const env = { MATRIX_TOKEN: TOKEN };

test('PUTs an m.text with the HTML escaped, a bearer token and a transaction id from sink and event', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent({ title: 'Deploy <prod> & "co"', body: 'a < b\nline 2' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'PUT');
  assert.equal(req.path, `/_matrix/client/v3/rooms/!ops%3Aexample.org/send/m.room.message/${matrixTxnId('mx', 'ev-1')}`);
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  assert.match(String(req.headers['content-type']), /^application\/json/);
  await assertGolden(import.meta.url, 'matrix-message', req.json);
  assert.deepEqual(req.json, {
    msgtype: 'm.text',
    body: 'Deploy <prod> & "co"\n\na < b\nline 2',
    format: 'org.matrix.custom.html',
    formatted_body: '<strong>Deploy &lt;prod&gt; &amp; &quot;co&quot;</strong><br>a &lt; b<br>line 2',
  });
});

test('the same event to the same sink reuses its transaction id; another sink gets its own', async () => {
  receiver.requests.length = 0;
  for (const id of ['mx', 'mx', 'other']) {
    const herald = await openTestHerald(config(id), { env });
    await herald.send([testEvent()]);
    await herald.close();
  }
  const [a, b, c] = receiver.requests.map((r) => r.path);
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.match(a!, /\/send\/m\.room\.message\/herald-[0-9a-f]{32}$/);
});

test('M_LIMIT_EXCEEDED waits retry_after_ms, then delivers', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 429, json: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 1200 } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 2);
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 1200, 'waited retry_after_ms, not the 10 ms backoff');
  assert.equal(receiver.requests[0]!.path, receiver.requests[1]!.path, 'the retry is the same transaction');
});

test('a 502 is retried', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 502, body: 'bad gateway' }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 2);
});

test('403 M_FORBIDDEN is permanent, says why, and the token appears nowhere', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 403, json: { errcode: 'M_FORBIDDEN', error: `User not in room; token ${TOKEN}` } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  const rendered = JSON.stringify(herald.render([testEvent()]));
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 403 from .*: M_FORBIDDEN: User not in room/);
  for (const text of [outcome!.error!, letters, rendered]) assert.ok(!text.includes(TOKEN), text);
});

test('a room alias is a config error that says where to find the id', async () => {
  await assert.rejects(openTestHerald(config().replace(ROOM, '#ops:example.org'), { env }), (error: Error & { describe(): string }) => {
    assert.match(error.describe(), /room_id: .*room id like !abcdef:example\.org.*Room settings → Advanced/);
    return true;
  });
});

test('long text is cut before escaping: no entity is split and the marker shows', () => {
  const content = matrixContent('T', '&'.repeat(20_000), 'm.text');
  assert.equal(content.body!.length, MATRIX_TEXT_LIMIT);
  assert.ok(content.body!.endsWith('… [truncated]'));
  assert.ok(content.formatted_body!.endsWith('… [truncated]'));
  assert.doesNotMatch(content.formatted_body!.replace(/&amp;/g, ''), /&/);
  assert.equal(matrixContent('T', '😀'.repeat(5000), 'm.text').body!.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/), null, 'no lone surrogate');
});
