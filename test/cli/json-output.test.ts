// `--json`: stdout carries JSON lines only (issue 11 #8), so `herald send --json | jq` works even
// with the built-in default config, whose console sink prints a line per event (on stderr then).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, workspace } from '../support/cli.js';

test('send --json on the built-in default: every stdout line is JSON; the console line goes to stderr', async () => {
  const dir = await workspace({});
  const r = await runCli(['send', '--json', '--event', 'post_task', '--outcome', 'failed', '--task-id', 'nightly', '--title', 'Nightly failed'], { cwd: dir, source: true });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `not JSON: ${line}`);
  assert.deepEqual(lines.map((l) => (JSON.parse(l) as { outcome: string }).outcome), ['delivered', 'delivered']);
  assert.match(r.stderr, /ERROR post_task \[nightly\] Nightly failed/);
});

test('validate exits 2 where send would: a ${VAR} a sink or the state backend needs is reported as missing', async () => {
  const dir = await workspace({ 'herald.yml': 'notifications:\n  sinks:\n    - {id: chat, kind: telegram, token: "${TELEGRAM_BOT_TOKEN}", chat_id: "${TELEGRAM_CHAT_ID}"}\n  state: {backend: redis, url: "${HERALD_REDIS_URL}"}\n' });
  const env = { TELEGRAM_BOT_TOKEN: '123456:abcdefghijk' };
  const validated = await runCli(['validate'], { cwd: dir, source: true, env });
  const sent = await runCli(['send', '--event', 'post_task', '--outcome', 'failed', '--task-id', 't'], { cwd: dir, source: true, env });
  assert.equal(sent.code, 2, sent.stderr);
  assert.equal(validated.code, 2, validated.stdout);
  assert.match(validated.stdout, /missing: \$\{TELEGRAM_CHAT_ID\} used at notifications\.sinks\[0\]\.chat_id/);
  // The key the telegram check needs is set from an unset variable: the variable is named.
  assert.match(validated.stdout, /not ok: .*notifications\.sinks\[0\]\.chat_id: \$\{TELEGRAM_CHAT_ID\} is not set/);
  const withChat = await runCli(['validate'], { cwd: dir, source: true, env: { ...env, TELEGRAM_CHAT_ID: '42' } });
  assert.equal(withChat.code, 2);
  assert.match(withChat.stdout, /missing: \$\{HERALD_REDIS_URL\} used at notifications\.state\.url/);
  assert.doesNotMatch(withChat.stdout + withChat.stderr, /abcdefghijk/);
});

test('herald test --sink needs only that sink\'s variables; a sink with unset ones is named, exit 2', async (t) => {
  const { startReceiver } = await import('../support/receiver.js');
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const dir = await workspace({
    'herald.yml': `notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${receiver.url}/hook"}\n    - {id: chat, kind: telegram, token: "\${TELEGRAM_BOT_TOKEN}", chat_id: "\${TELEGRAM_CHAT_ID}"}\n`,
  });
  const ok = await runCli(['test', '--sink', 'hook'], { cwd: dir, source: true });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(receiver.requests.length, 1);
  const chat = await runCli(['test', '--sink', 'chat'], { cwd: dir, source: true });
  assert.equal(chat.code, 2);
  assert.match(chat.stderr, /sink 'chat' uses unset variable\(s\): \$\{TELEGRAM_BOT_TOKEN\} at notifications\.sinks\[1\]\.token/);
  assert.doesNotMatch(chat.stderr, /at .*\.ts:\d+/, 'no stack trace');
});

test('send says which sink filtered an event and why, and warns when no sink took it', async () => {
  const dir = await workspace({ 'herald.yml': 'notifications:\n  sinks:\n    - {id: ops, kind: console, severities: [error], match_labels: {team: platform}}\n' });
  const r = await runCli(['send', '--event', 'post_task', '--outcome', 'completed', '--task-id', 't'], { cwd: dir, source: true });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /1 filtered/);
  assert.match(r.stderr, /filtered by ops: severities \[error\], match_labels \{"team":"platform"\}/);
  assert.match(r.stderr, /warning: no sink took these events: every sink's filters excluded them/);
});
