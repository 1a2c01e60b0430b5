// `herald setup webhook|slack|resolve-events|list-workspaces` and `herald profile doctor|show` as
// users run them (the CLI source through tsx): exit codes, messages, files written, no secret on
// any output stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli.js';
import { usrLine } from '../support/usr-log.js';

const HOOK = 'https://hooks.slack.com/services/T000/B000/s3cr3tS3CR3T';
const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCli(args, { cwd, env, source: true });

function noSecret(r: { stdout: string; stderr: string }): void {
  assert.doesNotMatch(r.stdout + r.stderr, /s3cr3tS3CR3T/);
}

test('setup webhook: stores a file secret (0600), prints only the ref; contradicting flags are refused', async () => {
  const dir = await workspace();
  const secret = join(dir, 'secrets', 'notify.webhook');
  const r = await cli(['setup', 'webhook', '--secret-source', 'file', '--secret-ref', `file://${secret}`, '--webhook-url', HOOK, '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  noSecret(r);
  assert.deepEqual(JSON.parse(r.stdout), { name: 'default', ok: true, webhook: { ref: `file://${secret}`, source: 'secret_ref' } });
  assert.equal((await readFile(secret, 'utf8')).trim(), HOOK);
  assert.equal((await stat(secret)).mode & 0o777, 0o600);

  const env = await cli(['setup', 'webhook', '--secret-source', 'env', '--url-env', 'LAB_HOOK'], dir);
  assert.equal(env.code, 0);
  assert.equal(env.stdout, 'Webhook reference configured.\n  source: env\n  ref: LAB_HOOK\n');

  const clash = await cli(['setup', 'webhook', '--secret-source', 'keychain', '--secret-ref', `file://${secret}`], dir);
  assert.equal(clash.code, 2);
  assert.match(clash.stderr, /--secret-ref scheme 'file' contradicts --secret-source keychain/);
  assert.doesNotMatch(clash.stderr, /\n\s+at /, 'no stack trace');
  const bad = await cli(['setup', 'webhook', '--secret-source', 'vault'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /secret_source must be one of: auto, env, keychain, secretservice, file/);
});

test('setup slack writes a sorted 0600 profile; profile show and doctor read it back', async () => {
  const dir = await workspace({ 'usr/demo/.events.log': usrLine({ action: 'init' }), 'ca.pem': 'not checked here\n' });
  const missing = await cli(['setup', 'slack', '--secret-source', 'env'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /pass either --events or --tool with --config\/--workspace/);
  const ambiguous = await cli(['setup', 'slack', '--events', 'usr/demo/.events.log', '--secret-source', 'env'], dir);
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /default profile path is ambiguous in --events mode; pass --policy or --profile/);

  const r = await cli(['setup', 'slack', '--events', 'usr/demo/.events.log', '--policy', 'densegen', '--secret-source', 'env', '--url-env', 'LAB_HOOK', '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  const profile = join(dir, 'outputs', 'notify', 'densegen', 'profile.json');
  assert.equal(out.profile, profile);
  assert.equal(out.events_exists, true);
  const text = await readFile(profile, 'utf8');
  const data = JSON.parse(text) as Record<string, unknown>;
  assert.equal(text, JSON.stringify(Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]])), null, 2) + '\n', 'sorted keys, 2-space indent, trailing newline');
  assert.equal((await stat(profile)).mode & 0o777, 0o600);
  assert.deepEqual([data.profile_version, data.provider, data.policy, data.only_actions, data.only_tools], [2, 'slack', 'densegen', 'densegen_health,densegen_flush_failed,materialize', 'densegen']);
  assert.deepEqual(data.webhook, { ref: 'LAB_HOOK', source: 'env' });
  assert.equal(data.cursor, join(dir, 'outputs', 'notify', 'densegen', 'cursor'));
  const again = await cli(['setup', 'slack', '--events', 'usr/demo/.events.log', '--policy', 'densegen', '--secret-source', 'env'], dir);
  assert.equal(again.code, 2, 'an existing profile needs --force');

  const show = await cli(['profile', 'show', '--profile', profile], dir);
  assert.equal(show.code, 0);
  assert.deepEqual(JSON.parse(show.stdout), data);

  const unset = await cli(['profile', 'doctor', '--profile', profile], dir);
  assert.equal(unset.code, 2);
  assert.match(unset.stderr, /--url-env LAB_HOOK is not set or empty/);
  const noCa = await cli(['profile', 'doctor', '--profile', profile], dir, { LAB_HOOK: HOOK });
  assert.equal(noCa.code, 2);
  assert.match(noCa.stderr, /HTTPS webhook delivery requires an explicit CA bundle/);
  noSecret(noCa);
  const ok = await cli(['profile', 'doctor', '--profile', profile], dir, { LAB_HOOK: HOOK, SSL_CERT_FILE: join(dir, 'ca.pem') });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, 'Profile wiring OK.\n');
  noSecret(ok);
  const wrongHost = await cli(['profile', 'doctor', '--profile', profile, '--json'], dir, { LAB_HOOK: 'https://example.com/services/x', SSL_CERT_FILE: join(dir, 'ca.pem') });
  assert.equal(wrongHost.code, 2);
  assert.deepEqual(JSON.parse(wrongHost.stdout), { error: 'slack provider requires webhook host in {hooks.slack-gov.com, hooks.slack.com}; found: example.com', ok: false });

  await writeFile(profile, text.replace('"provider": "slack"', '"provider": "teams"'));
  const badProvider = await cli(['profile', 'doctor', '--profile', profile], dir, { LAB_HOOK: HOOK });
  assert.equal(badProvider.code, 2);
  assert.match(badProvider.stderr, /provider must be one of: discord, generic, slack/);
});

test('setup resolve-events and list-workspaces find densegen workspaces', async () => {
  const config = 'densegen:\n  run: {root: .}\n  output:\n    targets: [parquet, usr]\n    usr: {root: ../../usr, dataset: densegen/demo_tfbs}\n';
  const dir = await workspace({ 'ws/demo/config.yaml': config, 'ws/other/config.yaml': config, 'ws/not-a-workspace/readme.txt': '' });
  const env = { DENSEGEN_WORKSPACE_ROOT: join(dir, 'ws') };
  const events = join(dir, 'usr', 'densegen', 'demo_tfbs', '.events.log');

  const plain = await cli(['setup', 'resolve-events', '--tool', 'densegen', '--workspace', 'demo'], dir, env);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(plain.stdout, events + '\n');
  const policy = await cli(['setup', 'resolve-events', '--tool', 'DenseGen', '--config', 'ws/demo/config.yaml', '--print-policy'], dir);
  assert.equal(policy.stdout, 'densegen\n');
  const json = await cli(['setup', 'resolve-events', '--tool', 'densegen', '--workspace', 'demo', '--json'], dir, env);
  assert.deepEqual(JSON.parse(json.stdout), { config: join(dir, 'ws', 'demo', 'config.yaml'), events, ok: true, policy: 'densegen', tool: 'densegen' });
  const both = await cli(['setup', 'resolve-events', '--tool', 'densegen', '--print-policy', '--json'], dir, env);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /pass either --print-policy or --json, not both/);
  const neither = await cli(['setup', 'resolve-events', '--tool', 'densegen'], dir, env);
  assert.match(neither.stderr, /pass exactly one of --config or --workspace/);
  const unknown = await cli(['setup', 'resolve-events', '--tool', 'densegen', '--workspace', 'nope'], dir, env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /workspace 'nope' not found for tool 'densegen' at .*ws\. Available workspaces: demo, other/);

  const list = await cli(['setup', 'list-workspaces', '--tool', 'densegen'], dir, env);
  assert.equal(list.stdout, 'demo\nother\n');
  const listJson = await cli(['setup', 'list-workspaces', '--tool', ' densegen ', '--json'], dir, env);
  assert.deepEqual(JSON.parse(listJson.stdout), { ok: true, tool: 'densegen', workspaces: ['demo', 'other'] });
  const none = await cli(['setup', 'list-workspaces', '--tool', 'densegen'], dir, { DENSEGEN_WORKSPACE_ROOT: join(dir, 'usr') });
  assert.equal(none.stdout, 'No workspaces found.\n');
  const badTool = await cli(['setup', 'list-workspaces', '--tool', 'evo'], dir);
  assert.equal(badTool.code, 2);
  assert.match(badTool.stderr, /unsupported tool 'evo'\. Supported values: construct, densegen, infer/);
});
