// The six chat and push kinds through the front door, from the shipped examples: one config made
// of examples/sinks/{mattermost,rocketchat,ntfy,msteams,googlechat,webex}.yml passes
// `herald validate`, is listed by `herald list`, is rendered by `herald render` with every secret
// hidden, and `herald send` delivers to each kind's loopback double.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startReceiver } from '../support/receiver.js';
import { ROOT, jsonLines, runCli, workspace } from '../support/cli.js';

const KINDS = ['mattermost', 'rocketchat', 'ntfy', 'msteams', 'googlechat', 'webex'] as const;

const receiver = await startReceiver({ status: 200, json: { success: true, id: 'm-1' } });
after(() => receiver.close());

const SECRETS = {
  MATTERMOST_WEBHOOK_URL: `${receiver.url}/hooks/mmkey7generated4secret`,
  ROCKETCHAT_WEBHOOK_URL: `${receiver.url}/hooks/rcIntegration1/rcTokenSecret99`,
  NTFY_TOPIC_URL: `${receiver.url}/herald-topic-q8z3`,
  TEAMS_WEBHOOK_URL: `${receiver.url}/workflows/4f1c/triggers/manual/paths/invoke?api-version=1&sig=teamsSigSecret0042`,
  GOOGLE_CHAT_WEBHOOK_URL: `${receiver.url}/v1/spaces/AAAAq/messages?key=gchatKeySecret77&token=gchatTokenSecret88`,
  WEBEX_BOT_TOKEN: 'webexBotTokenSecret_1234',
  WEBEX_ROOM_ID: 'room-ops-1',
};
const HIDDEN = ['mmkey7generated4secret', 'rcTokenSecret99', 'herald-topic-q8z3', 'teamsSigSecret0042', 'gchatKeySecret77', 'gchatTokenSecret88', 'webexBotTokenSecret_1234'];

/** The examples' sinks in one config, as shipped but for Webex's API, pointed at the double. */
function combinedConfig(): string {
  const sinks = KINDS.flatMap((kind) => (parse(readFileSync(join(ROOT, 'examples', 'sinks', `${kind}.yml`), 'utf8')) as { notifications: { sinks: Record<string, unknown>[] } }).notifications.sinks);
  for (const sink of sinks) if (sink.kind === 'webex') sink.api_base_url = `${receiver.url}/v1`;
  return stringify({ notifications: { sinks } });
}

const dir = await workspace({ 'herald.yml': combinedConfig() });
const event = ['--event', 'post_task', '--severity', 'error', '--title', 'Build failed', '--body', 'exit 2', '--run-id', 'r-1', '--task-id', 't-1', '--detail', 'run_url=https://ci.example.com/runs/1'];
const cli = (args: string[]) => runCli(args, { cwd: dir, env: SECRETS, source: true, timeoutMs: 120_000 });

test('validate passes, list shows every kind, render shows each payload with no secret', async () => {
  const [validate, list, render] = await Promise.all([cli(['validate', '--json']), cli(['list']), cli(['render', ...event])]);
  assert.equal(validate.code, 0, validate.stdout + validate.stderr);
  const report = jsonLines(validate.stdout)[0] as { ok: boolean; sinks: { kind: string }[] };
  assert.equal(report.ok, true);
  assert.deepEqual(report.sinks.map((s) => s.kind), [...KINDS]);

  assert.equal(list.code, 0, list.stderr);
  assert.deepEqual(jsonLines(list.stdout).map((l) => l.kind), [...KINDS]);

  assert.equal(render.code, 0, render.stderr);
  const rendered = jsonLines(render.stdout);
  assert.deepEqual(rendered.map((r) => r.kind), [...KINDS]);
  for (const r of rendered) assert.ok(r.payload, `${String(r.kind)} rendered a payload`);
  for (const secret of HIDDEN) assert.ok(!render.stdout.includes(secret) && !list.stdout.includes(secret) && !validate.stdout.includes(secret), `${secret} hidden`);
});

test('send delivers to each kind\'s double', async () => {
  receiver.requests.length = 0;
  const send = await cli(['send', '--state', 'none', ...event]);
  assert.equal(send.code, 0, send.stdout + send.stderr);
  const paths = receiver.requests.map((r) => r.path.split('?')[0]).sort();
  assert.deepEqual(paths, ['/herald-topic-q8z3', '/hooks/mmkey7generated4secret', '/hooks/rcIntegration1/rcTokenSecret99', '/v1/messages', '/v1/spaces/AAAAq/messages', '/workflows/4f1c/triggers/manual/paths/invoke']);
  for (const secret of HIDDEN) assert.ok(!send.stdout.includes(secret) && !send.stderr.includes(secret), `${secret} hidden`);
});
