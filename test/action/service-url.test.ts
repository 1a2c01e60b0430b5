// The action's `webhook` input as a service URL: with `webhook-type: url`, or with the default
// type when the value is not http(s). The sink is the kind the URL names; every secret part is masked.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { runEnv } from './fixtures.js';
import { InProcessJob } from './in-process.js';

describe('action webhook input as a service URL', () => {
  let receiver: Receiver;
  before(async () => (receiver = await startReceiver({ status: 200, json: { id: 1 } })));
  after(() => receiver.close());
  beforeEach(() => void (receiver.requests.length = 0));

  const step = async (inputs: Record<string, string>) => {
    const dir = await workspace({ 'README.md': '#\n' });
    const job = await InProcessJob.start(dir, runEnv());
    return { job, step: await job.main({ inputs: { status: 'failure', ...inputs }, env: { GITHUB_ACTION: 'notify' } }) };
  };

  it('gotify:// with the default webhook-type delivers to Gotify, the token masked and kept out of the written config', async () => {
    const token = 'Gt0kenSecret.x';
    const { job, step: s } = await step({ webhook: `gotify://127.0.0.1:${receiver.port}/${token}` });
    assert.equal(s.failed, undefined, s.text);
    assert.equal(s.outputs.delivered, '1');
    assert.equal(receiver.requests[0]!.path, '/message');
    assert.equal(receiver.requests[0]!.headers['x-gotify-key'], token);
    assert.ok(s.secrets.includes(token), 'the token is masked');
    assert.doesNotMatch(s.text, /Gt0kenSecret/);
    const written = readFileSync(join(job.runnerTemp, 'herald', 'inline-url.yml'), 'utf8');
    assert.match(written, /- id: gotify\n\s+url: \$\{HERALD_INPUT_WEBHOOK\}/);
    assert.doesNotMatch(written, /Gt0kenSecret|127\.0\.0\.1/);
  });

  it('webhook-type url reads an https URL by its host; the default type keeps posting https URLs as JSON', async () => {
    const dry = await step({ webhook: 'https://hooks.slack.com/services/T1/B2/slackSecretPart', 'webhook-type': 'url', 'dry-run': 'true' });
    assert.equal(dry.step.failed, undefined, dry.step.text);
    assert.match(dry.step.summary, /### slack \(slack\)/);
    assert.doesNotMatch(dry.step.text, /slackSecretPart/);
    const plain = await step({ webhook: `${receiver.url}/plain` });
    assert.equal(plain.step.outputs.delivered, '1', plain.step.text);
    assert.equal((receiver.requests[0]!.json as { title: string }).title, 'CI / build: failure');
    assert.deepEqual(readdirSync(join(plain.job.runnerTemp, 'herald')).filter((f) => f.startsWith('inline-')), ['inline-webhook.yml']);
  });

  it('a service URL that matches nothing fails naming the input and the schemes, without echoing it', async () => {
    const { step: s } = await step({ webhook: 'nope://s3cretValue' });
    assert.match(s.failed!, /input 'webhook': unknown service URL scheme 'nope:\/\/'/);
    assert.match(s.text, /gotify:\/\//);
    assert.doesNotMatch(s.text, /s3cretValue/);
  });
});
