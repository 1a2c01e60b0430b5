import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver } from '../support/receiver.js';
import { fakeTime } from '../support/fake-time.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';
import { TEAMS_PAYLOAD_BYTES } from '../../src/sinks/msteams.js';

// Power Automate's trigger answers 202 Accepted with an empty body.
const receiver = await startReceiver({ status: 202, body: '' });
after(() => receiver.close());

const SIG = 'Xk3vQ9sigSecretValue0123456789abcdef';
const PATH = `/workflows/4f1c2a/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${SIG}`;
const config = `notifications:
  retry: {max_attempts: 3, initial_delay_ms: 10, jitter: 0}
  sinks:
    - id: teams
      kind: msteams
      webhook_url: \${TEAMS_WEBHOOK_URL}
`;
const env = { TEAMS_WEBHOOK_URL: `${receiver.url}${PATH}` };

interface Card {
  type: string;
  attachments: { contentType: string; content: { body: Record<string, unknown>[]; actions?: { url: string }[] } }[];
}

test('posts an Adaptive Card message: severity-styled title, body lines as plain TextRuns, facts and a run link', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config, { env });
  const event = testEvent({ title: 'Deploy **prod** [x](http://evil)', body: 'line 1 _a_\n\nline 3', run_id: 'r-9', labels: { repo: 'acme/app' }, details: { run_url: 'https://github.com/acme/app/actions/runs/9' } });
  const [outcome] = await herald.send([event]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const req = receiver.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, PATH);
  assert.match(String(req.headers['content-type']), /^application\/json/);
  await assertGolden(import.meta.url, 'msteams-card', req.json);
  const message = req.json as Card;
  assert.equal(message.type, 'message');
  assert.equal(message.attachments[0]!.contentType, 'application/vnd.microsoft.card.adaptive');
  const content = message.attachments[0]!.content;
  const header = content.body[0] as { style: string; items: { inlines: { text: string; color: string }[] }[] };
  assert.equal(header.style, 'attention');
  assert.equal(header.items[0]!.inlines[0]!.text, '❌ Deploy **prod** [x](http://evil)', 'a TextRun keeps the text as written');
  assert.equal(content.actions![0]!.url, 'https://github.com/acme/app/actions/runs/9');
  const text = JSON.stringify(content);
  assert.ok(!text.includes('"TextBlock"') && !text.includes('"FactSet"'), 'no Markdown-reading element carries event text');
  assert.ok(text.includes('{"type":"TextRun","text":"repo: ","weight":"Bolder","isSubtle":true},{"type":"TextRun","text":"acme/app","isSubtle":true}'), 'facts are TextRuns');
});

test('a huge body is cut so the whole request stays under Teams\' ~28 KB', async () => {
  receiver.requests.length = 0;
  const herald = await openTestHerald(config, { env });
  await herald.send([testEvent({ body: Array.from({ length: 60 }, (_, i) => `${i} ${'é'.repeat(900)}`).join('\n') })]);
  await herald.close();
  const req = receiver.requests[0]!;
  assert.ok(Buffer.byteLength(req.body) <= TEAMS_PAYLOAD_BYTES, `sent ${Buffer.byteLength(req.body)} bytes`);
  assert.match(req.body, /… \[truncated\]/);
});

test('a 429 with Retry-After: 3 waits three seconds; a 502 is retried', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 429, headers: { 'retry-after': '3' }, json: { error: { code: 'WorkflowTriggeredTooFrequently', message: 'Rate limit is exceeded.' } } }, { status: 502, body: '' }]);
  const time = fakeTime();
  const herald = await openTestHerald(config, { env, context: time.context });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(outcome!.attempts, 3);
  assert.ok(time.sleeps.includes(3000), `slept ${JSON.stringify(time.sleeps)}`);
});

test('Power Automate\'s error code and message reach the outcome, permanently, without the signature', async () => {
  receiver.requests.length = 0;
  receiver.script([{ status: 400, json: { error: { code: 'TriggerInputSchemaMismatch', message: "The input body for trigger 'manual' of type 'Request' did not match its schema definition." } } }]);
  const herald = await openTestHerald(config, { env });
  const [outcome] = await herald.send([testEvent()]);
  const letters = JSON.stringify(await herald.store.listDeadLetters());
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /http 400 from .*: TriggerInputSchemaMismatch: The input body for trigger 'manual'/);
  assert.ok(!outcome!.error!.includes(SIG) && !letters.includes(SIG));
});
