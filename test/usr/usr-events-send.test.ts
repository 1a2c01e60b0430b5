// `herald usr-events send` (dnadesign `notify send`, reference §3.1 and §7): flags, the order of
// checks and their messages, the dry-run print (json.dumps indent=2, sort_keys), and a live POST
// through the usr_webhook sink with dnadesign's retry spacing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';

const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCli(['usr-events', 'send', ...args], { cwd, env, source: true });
const base = ['--status', 'Success', '--tool', 'densegen', '--run-id', '4412907.0', '--provider', 'generic'];

test('--dry-run prints the formatted payload as json.dumps(indent=2, sort_keys=True), meta numbers as written', async () => {
  const dir = await workspace({ 'meta.json': '{"rows": 12, "ratio": 1.0, "big": 12345678901234567, "nested": {"b": [], "a": "\u00e9"}}' });
  const r = await cli([...base, '--url', 'https://example.org/hook', '--message', 'done', '--meta', 'meta.json', '--dry-run'], dir);
  assert.equal(r.code, 0, r.stderr);
  const expected = [
    '{',
    '  "message": "done",',
    '  "meta": {',
    '    "big": 12345678901234567,',
    '    "nested": {',
    '      "a": "\\u00e9",',
    '      "b": []',
    '    },',
    '    "ratio": 1.0,',
    '    "rows": 12',
    '  },',
    '  "run_id": "4412907.0",',
    '  "status": "success",',
    /^ {2}"timestamp": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00",$/,
    '  "tool": "densegen"',
    '}',
  ];
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, expected.length, r.stdout);
  expected.forEach((line, i) => (typeof line === 'string' ? assert.equal(lines[i], line) : assert.match(lines[i]!, line)));
});

test('the checks come in dnadesign\'s order with its messages', async () => {
  const dir = await workspace({ 'list.json': '[1]', 'bad.json': '{nope' });
  const error = async (args: string[], message: RegExp, env: Record<string, string> = {}) => {
    const r = await cli(args, dir, env);
    assert.equal(r.code, 2, `${args.join(' ')}\n${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  };
  // The webhook comes first, even for a dry run and before a bad status.
  await error(['--status', 'done', '--tool', 't', '--run-id', 'r', '--provider', 'generic', '--dry-run'], /Specify exactly one of --url, --url-env, or --secret-ref\./);
  await error([...base, '--url', 'http://a/x', '--url-env', 'HOOK'], /Specify exactly one of --url, --url-env, or --secret-ref\./);
  await error([...base, '--url-env', 'HOOK', '--dry-run'], /--url-env HOOK is not set or empty/);
  await error(['--status', 'done', '--tool', 't', '--run-id', 'r', '--provider', 'slack', '--url', 'https://example.org/x', '--dry-run'], /slack provider requires webhook host/);
  await error([...base, '--url', 'http://a/x', '--meta', 'missing.json', '--dry-run'], /meta file not found: .*missing\.json/);
  await error([...base, '--url', 'http://a/x', '--meta', 'bad.json', '--dry-run'], /meta file is not valid JSON: .*bad\.json/);
  await error([...base, '--url', 'http://a/x', '--meta', 'list.json', '--dry-run'], /meta file must contain a JSON object/);
  await error(['--status', 'done', '--tool', 't', '--run-id', 'r', '--provider', 'generic', '--url', 'http://a/x', '--dry-run'], /status must be one of: failure, running, started, success/);
  await error(['--status', 'success', '--tool', ' ', '--run-id', 'r', '--provider', 'generic', '--url', 'http://a/x', '--dry-run'], /tool must be a non-empty string/);
  await error(['--status', 'success', '--tool', 't', '--run-id', ' ', '--provider', 'generic', '--url', 'http://a/x', '--dry-run'], /run_id must be a non-empty string/);
  await error(['--status', 'success', '--tool', 't', '--run-id', 'r', '--provider', 'teams', '--url', 'http://a/x', '--dry-run'], /provider must be one of: discord, generic, slack/);
  // No TLS check in a dry run; a live https send needs a bundle.
  assert.equal((await cli([...base, '--url', 'https://example.org/x', '--dry-run'], dir)).code, 0);
  await error([...base, '--url', 'https://example.org/x'], /requires an explicit CA bundle/);
  const missing = await cli(['--status', 'success'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /required option/);
});

test('a live send POSTs through the usr_webhook sink, retrying after 1 s, and prints "Notification sent."', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  receiver.script([{ status: 503 }]);
  t.after(() => receiver.close());
  const dir = await workspace();
  const r = await cli(['--status', 'failure', '--tool', 'densegen', '--run-id', 'r1', '--provider', 'generic', '--url-env', 'HOOK', '--message', 'boom', '--retries', '1'], dir, { HOOK: `${receiver.url}/hook` });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Notification sent.\n');
  assert.equal(receiver.requests.length, 2);
  assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 1000, 'dnadesign sleeps 1 s after the first failed attempt');
  const request = receiver.requests[1]!;
  assert.match(request.body, /^\{"status": "failure", "tool": "densegen", "run_id": "r1", "timestamp": "[^"]+", "meta": \{\}, "message": "boom"\}$/);
  assert.equal(request.headers['content-type'], 'application/json');

  receiver.setFallback({ status: 500 });
  const failed = await cli(['--status', 'failure', '--tool', 'densegen', '--run-id', 'r1', '--provider', 'generic', '--url', `${receiver.url}/hook`], dir);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /Notification failed: Webhook delivery failed: http 500/);
});
