// Canaries (issue 12, "Make it stay true"): a distinct secret in every secret-bearing place — a
// webhook URL's path segment and query, a header, chat and API tokens, the SMTP password, the
// Redis password, the profile webhook, the audit key and the action's inputs — then every command
// and the action's main and post steps, against a receiver that answers 500 echoing the request
// line, headers and body, resets connections, or answers 200 with the same echo. Not one canary
// may show in any stdout, stderr, job summary, step output or file Herald leaves behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CorpusCase } from '../corpus/case.js';
import { runShare } from '../corpus/run-cases.js';
import { tempDir } from '../support/cli.js';
import { startSmtp } from '../support/smtp.js';
import { usrLine } from '../support/usr-log.js';

const CANARIES = {
  HOOK_PATH: 'CANARYhookpath1x',
  HOOK_QUERY: 'CANARYquery2xyz',
  HEADER: 'CANARYheader3xyz',
  SLACK: 'CANARYslack4xyzw',
  DISCORD: 'CANARYdiscord5xy',
  TELEGRAM: 'CANARYtelegram6x',
  SMTP_PASSWORD: 'CANARYsmtp7xyzw',
  JIRA_TOKEN: 'CANARYjira8xyzwv',
  PAGERDUTY: 'CANARYpagerduty9',
  REDIS_PASSWORD: 'CANARYredis10xyz',
  PROFILE: 'CANARYprofile11x',
  ACTION_WEBHOOK: 'CANARYaction12xy',
  GITHUB_TOKEN: 'CANARYghtoken13x',
  AUDIT_KEY: 'CANARYauditkey14-0123456789',
} as const;

type Mode = 'echo-500' | 'reset' | 'echo-200';

/** Answers as `mode` says; an echo repeats the request line, every header and the body. */
async function echoReceiver(mode: Mode): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      if (mode === 'reset') return void req.socket.destroy();
      const echo = `Cannot ${req.method} ${req.url}\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\n')}\n\n${Buffer.concat(chunks).toString()}`;
      res.writeHead(mode === 'echo-500' ? 500 : 200, { 'content-type': 'text/plain' });
      res.end(echo);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function heraldConfig(): string {
  const retry = { max_attempts: 2, initial_delay_ms: 1, jitter: 0 };
  return stringify({
    notifications: {
      retry,
      audit: { key: '${AUDIT_KEY}' },
      sinks: [
        { id: 'hook', kind: 'webhook', url: '${HOOK_URL}', headers: { 'X-Api-Key': '${HEADER}' }, digest: false },
        { id: 'slack', kind: 'slack', webhook_url: '${SLACK_URL}', digest: false },
        { id: 'discord', kind: 'discord', webhook_url: '${DISCORD_URL}', digest: false },
        { id: 'telegram', kind: 'telegram', api_base_url: '${RECEIVER}', token: '${TELEGRAM}', chat_id: '42', digest: false },
        { id: 'pd', kind: 'pagerduty', url: '${RECEIVER}/v2/enqueue', routing_key: '${PAGERDUTY}' },
        { id: 'jira', kind: 'jira', base_url: '${RECEIVER}', project: 'OPS', email: 'bot@example.com', api_token: '${JIRA_TOKEN}' },
        { id: 'mail', kind: 'email_smtp', host: '127.0.0.1', port: '${SMTP_PORT}', starttls: false, from_addr: 'a@example.com', to_addrs: ['b@example.com'], username: 'bot', password: '${SMTP_PASSWORD}' },
      ],
    },
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/** Each canary, and the base64 forms a Basic header or a key file could carry it in. */
function leaksIn(text: string): string[] {
  const found: string[] = [];
  for (const [name, canary] of Object.entries(CANARIES)) {
    if (text.includes(canary)) found.push(name);
  }
  if (text.includes(Buffer.from(`bot@example.com:${CANARIES.JIRA_TOKEN}`).toString('base64'))) found.push('JIRA_TOKEN (base64)');
  return found;
}

for (const mode of ['echo-500', 'reset', 'echo-200'] as const) {
  test(`no canary reaches any output or file: every command and the action, receiver ${mode}`, async (t) => {
    const receiver = await echoReceiver(mode);
    // The SMTP double knows another password: the login fails, and its reply must not carry ours.
    const smtp = await startSmtp({ users: { bot: 'not-the-canary' } });
    t.after(() => Promise.all([receiver.close(), smtp.close()]));
    const ws = await tempDir('herald-canary-');
    const env = {
      RECEIVER: receiver.url,
      HOOK_URL: `${receiver.url}/hooks/${CANARIES.HOOK_PATH}?token=${CANARIES.HOOK_QUERY}`,
      HEADER: CANARIES.HEADER,
      SLACK_URL: `${receiver.url}/services/T0001/B0001/${CANARIES.SLACK}`,
      DISCORD_URL: `${receiver.url}/api/webhooks/123456/${CANARIES.DISCORD}`,
      TELEGRAM: `123456:${CANARIES.TELEGRAM}`,
      PAGERDUTY: CANARIES.PAGERDUTY,
      JIRA_TOKEN: CANARIES.JIRA_TOKEN,
      SMTP_PORT: String(smtp.port),
      SMTP_PASSWORD: CANARIES.SMTP_PASSWORD,
      AUDIT_KEY: CANARIES.AUDIT_KEY,
      NOTIFY_WEBHOOK: `${receiver.url}/profile/${CANARIES.PROFILE}`,
    };
    await writeFile(join(ws, 'herald.yml'), heraldConfig());
    await writeFile(join(ws, 'ev.log'), usrLine({ action: 'init' }) + usrLine({ action: 'materialize', metrics: { rows_written: 3 } }));
    await writeFile(join(ws, 'profile.json'), JSON.stringify({ profile_version: 2, provider: 'generic', events: 'ev.log', webhook: { source: 'env', ref: 'NOTIFY_WEBHOOK' } }));
    await mkdir(join(ws, 'spool'));
    await writeFile(join(ws, 'events.jsonl'), `${JSON.stringify({ kind: 'post_task', title: 'from a file' })}\n`);
    const step = (name: string, args: string[], extra: Partial<CorpusCase> = {}): CorpusCase => ({ name, args, env, workspace: ws, exit: -1, says: [], ...extra });
    const steps: CorpusCase[] = [
      step('validate', ['validate']),
      step('validate --json', ['validate', '--json']),
      step('list', ['list']),
      step('render', ['render', '--title', 'canary run']),
      step('send --dry-run', ['send', '--dry-run', '--title', 'canary run']),
      step('send', ['send', '--title', 'canary run', '--body', 'first']),
      step('send --json', ['send', '--json', '--title', 'canary run', '--body', 'second']),
      step('exec', ['exec', '--tail-lines', '5', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']),
      step('test --sink hook', ['test', '--sink', 'hook']),
      step('test --sink jira --json', ['test', '--sink', 'jira', '--json']),
      step('dlq list', ['dlq', 'list']),
      step('dlq list --json', ['dlq', 'list', '--json']),
      step('dlq replay', ['dlq', 'replay']),
      step('state export', ['state', 'export']),
      step('state show', ['state', 'show']),
      step('audit verify', ['audit', 'verify']),
      step('watch (profile webhook and Herald sinks)', ['watch', '--profile', 'profile.json', '--herald-config', 'herald.yml', '--spool-dir', 'spool', '--retry-max', '1', '--retry-base-seconds', '0', '--json']),
      step('spool drain', ['spool', 'drain', '--profile', 'profile.json', '--spool-dir', 'spool', '--retry-max', '1', '--retry-base-seconds', '0']),
      step('send with a Redis password in --state', ['send', '--state', `redis://:${CANARIES.REDIS_PASSWORD}@127.0.0.1:1/0`, '--title', 'redis']),
      step('action main and post', [], {
        action: {
          post: true,
          inputs: { config: 'herald.yml', state: 'dir', webhook: `${receiver.url}/action/${CANARIES.ACTION_WEBHOOK}`, 'github-token': CANARIES.GITHUB_TOKEN, 'events-file': 'events.jsonl', status: 'failure' },
        },
      }),
      step('action with an inline webhook only', [], { action: { post: true, inputs: { state: 'none', webhook: `${receiver.url}/hooks/${CANARIES.ACTION_WEBHOOK}/x`, 'webhook-type': 'slack', status: 'failure' } }, workspace: undefined }),
    ];
    const results = await runShare(steps, await tempDir('herald-canary-run-'), 0);
    assert.equal(results.length, steps.length);
    assert.ok(receiver.requests() > 10, `the receiver got ${receiver.requests()} requests: the commands reached it`);
    const leaks: string[] = [];
    for (const r of results) {
      assert.doesNotMatch(r.output, /unexpected failure|ESCAPED/, `${r.name}: ${r.output.slice(0, 2000)}`);
      for (const name of leaksIn(r.output)) leaks.push(`${r.name}: output holds ${name}`);
    }
    const runnerTemps = results.map((r) => r.runnerTemp).filter((d): d is string => Boolean(d));
    const inputs = new Set(['herald.yml', 'ev.log', 'profile.json', 'events.jsonl'].map((f) => join(ws, f)));
    let scanned = 0;
    for (const dir of [ws, ...runnerTemps, ...results.map((r) => r.workspace).filter((w) => w !== ws)]) {
      for (const file of await filesUnder(dir)) {
        if (inputs.has(file) || /cases-\d+\.json$|results-\d+\.json$/.test(file)) continue;
        scanned++;
        for (const name of leaksIn(await readFile(file, 'latin1'))) leaks.push(`${file}: holds ${name}`);
      }
    }
    assert.ok(scanned > 3, `${scanned} files scanned: state, dead letters, audit and spool files were written`);
    assert.deepEqual(leaks, []);
  });
}
