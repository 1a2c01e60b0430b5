// One step, no config file (issue 11, defect 3): `webhook` + `webhook-type` (+ `chat-id` for
// Telegram) build a one-sink config that goes through the same loader and schema as a committed
// one, and every form of the secret is masked before anything is printed.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { HOOK_CONFIG, runEnv } from './fixtures.js';
import { InProcessJob, type StepRecord } from './in-process.js';

/** The inline secret's forms are all masked before the step prints its first line. */
function masksFirst(step: StepRecord, forms: string[]): boolean {
  const firstOther = step.log.findIndex((e) => e.type !== 'mask');
  const masked = new Set(step.log.slice(0, firstOther === -1 ? undefined : firstOther).map((e) => e.message));
  return forms.every((f) => masked.has(f));
}

describe('action inline webhook', () => {
  let receiver: Receiver;
  before(async () => (receiver = await startReceiver()));
  after(() => receiver.close());
  beforeEach(() => void (receiver.requests.length = 0));

  const step = async (inputs: Record<string, string>, files: Record<string, string> = { 'README.md': '#\n' }) => {
    const dir = await workspace(files);
    const job = await InProcessJob.start(dir, runEnv());
    return { dir, job, step: await job.main({ inputs: { status: 'failure', ...inputs }, env: { GITHUB_ACTION: 'notify' } }) };
  };

  it('webhook alone posts the event as JSON, with no config file in the checkout', async () => {
    const url = `${receiver.url}/hooks/T000/B000/s3cr3t-path-token`;
    const { dir, job, step: s } = await step({ webhook: url });
    assert.equal(s.failed, undefined, s.text);
    assert.equal(s.outputs.delivered, '1');
    assert.equal((receiver.requests[0]!.json as { title: string }).title, 'CI / build: failure');
    assert.ok(s.secrets.includes(url), 'the URL is masked');
    assert.ok(s.secrets.includes('/hooks/T000/B000/s3cr3t-path-token'), "the URL's path is masked");
    assert.ok(masksFirst(s, [url, '/hooks/T000/B000/s3cr3t-path-token']), JSON.stringify(s.log.slice(0, 4)));
    assert.doesNotMatch(s.text, /s3cr3t/);
    assert.deepEqual(readdirSync(dir), ['README.md']);
    // The written config holds references, never the secret.
    const written = readdirSync(join(job.runnerTemp, 'herald')).filter((f) => f.startsWith('inline-'));
    assert.deepEqual(written, ['inline-webhook.yml']);
    assert.doesNotMatch(readFileSync(join(job.runnerTemp, 'herald', written[0]!), 'utf8'), /s3cr3t|127\.0\.0\.1/);
  });

  it('webhook-type slack and discord post each service\'s rich format: the run\'s status, facts and link', async () => {
    const slack = await step({ webhook: `${receiver.url}/services/T1/B1/slack-secret-xyz`, 'webhook-type': 'slack' });
    assert.equal(slack.step.outputs.delivered, '1', slack.step.text);
    const discord = await step({ webhook: `${receiver.url}/api/webhooks/42/discord-secret-xyz`, 'webhook-type': 'discord' });
    assert.equal(discord.step.outputs.delivered, '1', discord.step.text);
    const [slackBody, discordBody] = receiver.requests.map((r) => r.json as Record<string, unknown>);
    const slackAttachment = (slackBody!.attachments as { color?: string; blocks?: unknown[] }[] | undefined)?.[0];
    assert.ok(slackAttachment?.color && slackAttachment.blocks?.length, `Block Kit in a coloured attachment: ${JSON.stringify(slackBody)}`);
    assert.match(JSON.stringify(slackAttachment.blocks), /actions\/runs\//, 'a link to the run');
    const embed = (discordBody!.embeds as { fields?: unknown[]; url?: string }[])[0]!;
    assert.ok(embed.fields?.length, `facts as embed fields: ${JSON.stringify(discordBody)}`);
    assert.deepEqual(receiver.requests.map((r) => r.path), ['/services/T1/B1/slack-secret-xyz', '/api/webhooks/42/discord-secret-xyz']);
  });

  it('telegram takes the bot token in webhook and the chat in chat-id; the token and its secret half are masked', async () => {
    const token = '123456789:AAFakeTokenForHeraldTestsOnly00000';
    const { step: s } = await step({ webhook: token, 'webhook-type': 'telegram', 'chat-id': '-1001234567890', 'dry-run': 'true' });
    assert.equal(s.failed, undefined, s.text);
    assert.ok(s.secrets.includes(token));
    assert.ok(s.secrets.includes('AAFakeTokenForHeraldTestsOnly00000'));
    assert.match(s.summary, /### telegram \(telegram\)/);
    assert.match(s.summary, /api\.telegram\.org/);
    assert.doesNotMatch(s.text, /AAFakeToken/);
    assert.deepEqual(JSON.parse(s.outputs.results!).map((r: { outcome: string }) => r.outcome), ['rendered']);
  });

  it('telegram without chat-id fails and names the input', async () => {
    const { step: s } = await step({ webhook: '123456789:AAFakeTokenForHeraldTestsOnly00000', 'webhook-type': 'telegram' });
    assert.match(s.failed!, /input 'chat-id' is required with webhook-type: telegram/);
  });

  it('a webhook that is not a URL fails without echoing it', async () => {
    const { step: s } = await step({ webhook: 'hooks.slack.com/services/T/B/oops-secret', 'webhook-type': 'slack' });
    assert.match(s.failed!, /input 'webhook' must be an http:\/\/ or https:\/\/ URL for webhook-type: slack/);
    assert.doesNotMatch(s.text, /oops-secret/);
  });

  it('an unknown webhook-type fails and lists the valid ones', async () => {
    const { step: s } = await step({ webhook: `${receiver.url}/x`, 'webhook-type': 'teams' });
    assert.match(s.failed!, /input 'webhook-type' must be one of webhook, slack, discord, telegram, url \(got 'teams'\)/);
  });

  it('config and webhook together are refused; a committed config beside webhook is named as unused', async () => {
    const both = await step({ webhook: `${receiver.url}/x`, config: 'herald.yml' }, { 'herald.yml': HOOK_CONFIG });
    assert.match(both.step.failed!, /inputs 'config' and 'webhook' are both set/);
    const beside = await step({ webhook: `${receiver.url}/inline` }, { 'herald.yml': HOOK_CONFIG });
    assert.equal(beside.step.outputs.delivered, '1', beside.step.text);
    assert.ok(beside.step.log.some((e) => e.type === 'notice' && /input 'webhook' is set, so herald\.yml is not used/.test(e.message)));
    assert.equal(receiver.requests.at(-1)!.path, '/inline');
  });
});
