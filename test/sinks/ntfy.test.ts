import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { fakeTime } from '../support/fake-time.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { NTFY_MESSAGE_BYTES, headerText } from '../../src/sinks/ntfy.js';

const ok = { id: 'hwQ2YpKdmg', time: 1700000000, event: 'message', topic: 'herald-ops-7f3k' };
const receiver = await startReceiver({ status: 200, json: ok });
after(() => receiver.close());

const TOKEN = 'tk_madeUpTokenForHeraldTests0001';
const config = (extra = '') => `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, jitter: 0}
  sinks:
    - id: phone
      kind: ntfy
      url: \${NTFY_URL}
      token: \${NTFY_TOKEN}
${extra}`;
const env = { NTFY_URL: `${receiver.url}/herald-ops-7f3k`, NTFY_TOKEN: TOKEN };

test('publishes to the topic URL: message as body; title, priority, tags, click and action as headers', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      tags: [ci]\n'), { env });
  const [outcome] = await herald.send([testEvent({ title: 'Déploiement échoué', body: 'exit 2\n<stderr tail>', details: { run_url: 'https://github.com/acme/app/actions/runs/7' } })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/herald-ops-7f3k');
  assert.equal(req.body, 'exit 2\n<stderr tail>');
  const sent = Object.fromEntries(['content-type', 'title', 'priority', 'tags', 'click', 'actions'].map((h) => [h, req.headers[h]]));
  await assertGolden(import.meta.url, 'ntfy-headers', { body: req.body, headers: sent });
  assert.equal(req.headers.title, headerText('Déploiement échoué'));
  assert.equal(Buffer.from(String(req.headers.title).slice(10, -2), 'base64').toString('utf8'), 'Déploiement échoué');
  assert.equal(req.headers.priority, '4', 'error is high');
  assert.equal(req.headers.tags, 'rotating_light,ci');
  assert.equal(req.headers.click, 'https://github.com/acme/app/actions/runs/7');
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
});

test('an empty body sends the title as the message; priority follows the per-severity override', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config('      priority: {info: low}\n'), { env });
  await herald.send([testEvent({ title: 'Task started', body: '', severity: 'info' })]);
  await herald.close();
  const req = receiver.requests[0]!;
  assert.equal(req.body, 'Task started');
  assert.equal(req.headers.title, undefined);
  assert.equal(req.headers.priority, 'low');
  assert.equal(req.headers.tags, 'information_source');
  assert.equal(req.headers.click, undefined);
});

test('a message past 4,096 bytes is cut on a character boundary', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config(), { env });
  await herald.send([testEvent({ body: '😀'.repeat(3000) })]);
  await herald.close();
  const body = receiver.requests[0]!.body;
  assert.ok(Buffer.byteLength(body) <= NTFY_MESSAGE_BYTES);
  assert.ok(body.endsWith('😀… [truncated]'), 'no emoji is split');
});

test('a 429 is retried after ntfy\'s Retry-After, and a 500 after backoff', async () => {
  receiver.requests.length = 0;
  receiver.script([
    { status: 429, json: { code: 42901, http: 429, error: 'limit reached: too many requests' }, headers: { 'retry-after': '5' } },
    { status: 500, json: { code: 50001, http: 500, error: 'internal server error' } },
  ]);
  const time = fakeTime();
  const herald = await openTestHerald(config(), { env, context: time.context });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 3);
  assert.ok(time.sleeps.includes(5000), `slept ${JSON.stringify(time.sleeps)}`);
});

test('a 403 is permanent with ntfy\'s error, and neither the topic nor the token appears', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 403, json: { code: 40301, http: 403, error: 'forbidden', link: 'https://ntfy.sh/docs/publish/#authentication' } }]);
  const herald = await openTestHerald(config(), { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  const rendered = JSON.stringify(herald.render([testEvent()]));
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 403 from .*: forbidden \(ntfy 40301\)$/);
  for (const text of [outcome!.error!, letters]) {
    assert.ok(!text.includes(TOKEN), 'token hidden');
    assert.ok(!text.includes('herald-ops-7f3k'), 'topic hidden');
  }
  assert.ok(!rendered.includes(TOKEN), 'render never holds the token');
});

test('the Markdown rendering (render --format markdown, the action\'s dry-run summary) shows the headers that carry the title and priority, never the token', async () => {
  const { renderMarkdown } = await import('../../src/report/markdown.js');
  const herald = await openTestHerald(config(), { env });
  const rendered = await herald.render([testEvent({ title: 'Nightly failed', body: 'exit 2' })]);
  const markdown = renderMarkdown(rendered, (text) => herald.ctx.redactor.redact(text));
  await herald.close();
  assert.match(markdown, /- title: `Nightly failed`/);
  assert.match(markdown, /- priority: `4`/);
  assert.doesNotMatch(markdown, /authorization|tk_madeUp/i);
});
