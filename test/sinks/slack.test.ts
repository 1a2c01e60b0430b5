import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { SLACK_TEXT_LIMIT } from '../../src/sinks/slack.js';

const receiver = await startReceiver();
after(() => receiver.close());

const config = (extra = '') => `notifications:
  sinks:
    - id: slack
      kind: slack
      webhook_url: ${receiver.url}/services/T000/B000/XXXX
      username: herald
      icon_emoji: ":rotating_light:"
      channel: "#ops"
${extra}`;

test('posts Bernstein\'s text layout with mrkdwn escaped and the title kept bold', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 200, body: 'ok' }]);
  const herald = await openTestHerald(config());
  const [outcome] = await herald.send([testEvent({ title: 'Deploy *prod* <main> & co', body: 'a < b & c > d\nline 2' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/services/T000/B000/XXXX');
  assert.match(String(req.headers['content-type']), /^application\/json/);
  await assertGolden(import.meta.url, 'slack-escaped', req.json);
  assert.deepEqual(req.json, {
    text: '*Deploy ∗prod∗ &lt;main&gt; &amp; co*\na &lt; b &amp; c &gt; d\nline 2',
    username: 'herald',
    icon_emoji: ':rotating_light:',
    channel: '#ops',
  });
});

test('an empty body sends the bold title alone, and empty optional keys are left out', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(`notifications:
  sinks:
    - id: slack
      kind: slack
      webhook_url: ${receiver.url}/hook
      username: ""
`);
  await herald.send([testEvent({ title: 'Only a title', body: '' })]);
  await herald.close();
  assert.deepEqual(receiver.requests[0]!.json, { text: '*Only a title*' });
});

test('text longer than 40,000 characters is cut with a visible marker', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config());
  await herald.send([testEvent({ body: 'x'.repeat(50_000) })]);
  await herald.close();
  const text = (receiver.requests[0]!.json as { text: string }).text;
  assert.equal(text.length, SLACK_TEXT_LIMIT);
  assert.ok(text.endsWith('… [truncated]'));
});

test('a template is filled first and escaped afterwards', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(`      template:
        title: "{{labels.repo}} <{{task_id}}>"
        body: "{{body}} & more"
`));
  await herald.send([testEvent({ labels: { repo: 'a&b' }, body: '<x>' })]);
  await herald.close();
  assert.equal((receiver.requests[0]!.json as { text: string }).text, '*a&amp;b &lt;t-1&gt;*\n&lt;x&gt; &amp; more');
});

test('Slack\'s plain-text error reaches the outcome verbatim and a 400 is not retried', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 400, body: 'invalid_payload' }]);
  const herald = await openTestHerald(config());
  const [outcome] = await herald.send([testEvent()]);
  const letters = await herald.store.listDeadLetters();
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 400 from .*: invalid_payload$/);
  assert.doesNotMatch(outcome!.error!, /B000/, 'the webhook path is a secret');
  assert.equal(letters.length, 1);
});

test('a 429 with Retry-After: 1 waits at least one second, then delivers', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 429, body: 'rate_limited', headers: { 'retry-after': '1' } }, { status: 200, body: 'ok' }]);
  const herald = await openTestHerald(config());
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 2);
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 1000, 'waited for Retry-After');
});

test('a burst beyond one per second is sent as the first event plus one digest', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config());
  const events = Array.from({ length: 15 }, (_, i) => testEvent({ event_id: `b-${i}`, title: `Job ${i} <failed>`, severity: i % 5 === 0 ? 'error' : 'info' }));
  const outcomes = await herald.send(events);
  const again = await herald.send(events);
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), Array(15).fill('delivered'));
  assert.equal(receiver.requests.length, 2);
  const digest = (receiver.requests[1]!.json as { text: string }).text;
  assert.match(digest, /^\*Herald digest: 14 events \(2 error, 12 info\)\*\n\[error\] Job 5 &lt;failed&gt;\n\[error\] Job 10 &lt;failed&gt;\n\[info\] Job 1 &lt;failed&gt;/);
  assert.match(digest, /\n\+4 more$/);
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 900, 'the digest waited for the rate limit');
  assert.deepEqual(again.map((o) => o.outcome), Array(15).fill('deduplicated'), 'every digested event is recorded for dedup');
});
