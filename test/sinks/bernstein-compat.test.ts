// A bernstein.yaml whose notifications block uses every Bernstein sink kind loads unchanged in
// Herald, and `herald render` shows each service's payload with the secrets redacted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonLines, runCli, workspace } from '../support/cli.js';

const BERNSTEIN_YAML = `# a Bernstein project file: other top-level keys are Bernstein's own
goal: ship it
notifications:
  enabled: true
  retry:
    max_attempts: 4
    initial_delay_ms: 500
  sinks:
    - id: tg
      kind: telegram
      chat_id: "\${TELEGRAM_CHAT_ID}"
      token: \${TELEGRAM_BOT_TOKEN}
      events: [post_task]
      severities: [error, warning]
    - id: slack-ops
      kind: slack
      webhook_url: \${SLACK_WEBHOOK_URL}
      username: bernstein
      icon_emoji: ":robot_face:"
      channel: "#ops"
      timeout_s: 5
    - id: discord
      kind: discord
      webhook_url: \${DISCORD_WEBHOOK_URL}
      username: bernstein
      avatar_url: https://example.org/b.png
    - id: mail
      kind: email_smtp
      host: smtp.example.org
      port: "587"
      from_addr: bernstein@example.org
      to_addrs: [ops@example.org]
      username: bernstein
      password: \${SMTP_PASSWORD}
      starttls: true
      ssl: false
      timeout_s: 15
    - id: hook
      kind: webhook
      url: https://hooks.example.org/bernstein
      headers: { Authorization: "Bearer \${HOOK_TOKEN}" }
    - id: script
      kind: shell
      command: [/usr/local/bin/notify.sh, --quiet]
      env: { TEAM: core }
      timeout_s: 20
      non_zero_exit_is_permanent: true
    - id: off
      kind: slack
      enabled: false
`;

const env = {
  TELEGRAM_CHAT_ID: '-100987',
  TELEGRAM_BOT_TOKEN: '987654:telegram-secret-token',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T1/B2/slacksecret',
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/42/discordsecret',
  SMTP_PASSWORD: 'smtp-secret-pw',
  HOOK_TOKEN: 'hook-secret-token',
};

test('a Bernstein notifications block with every sink kind loads and renders unchanged', async () => {
  const dir = await workspace({ 'bernstein.yaml': BERNSTEIN_YAML });
  const result = await runCli(['render', '--event', 'post_task', '--outcome', 'failed', '--task-id', 't-9', '--title', 'Task failed: t-9 <x>', '--body', 'exit 2'], { cwd: dir, env, source: true });
  assert.equal(result.code, 0, result.stderr);
  const lines = jsonLines(result.stdout);
  const byId = Object.fromEntries(lines.map((l) => [l.sink_id, l])) as Record<string, { kind: string; target: string; payload: unknown; meta?: Record<string, unknown>; skipped?: string }>;
  assert.deepEqual(Object.keys(byId).sort(), ['discord', 'hook', 'mail', 'off', 'script', 'slack-ops', 'tg']);
  assert.deepEqual(byId.tg!.payload, { chat_id: "***", text: '<b>Task failed: t-9 &lt;x&gt;</b>\n\nexit 2', parse_mode: 'HTML' });
  assert.equal(byId.tg!.target, 'POST https://api.telegram.org/bot***/sendMessage');
  assert.deepEqual(byId['slack-ops']!.payload, { text: '*Task failed: t-9 &lt;x&gt;*\nexit 2', username: 'bernstein', icon_emoji: ':robot_face:', channel: '#ops' });
  assert.equal(byId['slack-ops']!.target, 'POST https://hooks.slack.com/***');
  assert.equal((byId.discord!.payload as { embeds: { color: number }[] }).embeds[0]!.color, 15158332);
  assert.match(String(byId.mail!.payload), /^Task failed: t-9 <x>\n\nexit 2\n\nevent_id: [0-9a-f]{32}\nkind: post_task\nseverity: error\ntask_id: t-9\n$/);
  assert.equal(byId.mail!.meta!.subject, '[bernstein error] Task failed: t-9 <x>');
  assert.equal((byId.hook!.payload as { kind: string }).kind, 'post_task');
  assert.match(String(byId.script!.payload), /^\{"event_id": "[0-9a-f]{32}", "kind": "post_task"/);
  for (const secret of Object.values(env).filter((v) => v.length > 8)) assert.ok(!result.stdout.includes(secret), `secret leaked: ${secret}`);
  assert.ok(!result.stdout.includes('slacksecret') && !result.stdout.includes('telegram-secret-token'));
});

test('herald list shows every sink of the Bernstein file', async () => {
  const dir = await workspace({ 'bernstein.yaml': BERNSTEIN_YAML });
  const result = await runCli(['list'], { cwd: dir, env, source: true });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(jsonLines(result.stdout).length, 7);
});
