import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, readdir, writeFile, chmod } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { CLI_BUNDLE, baseEnv, jsonLines, runCli, tempDir, workspace } from '../support/cli.js';
import { ensureBundle } from '../support/bundle.js';
import { startReceiver } from '../support/receiver.js';

before(() => ensureBundle());

const hookConfig = (url: string, extra = '') => `notifications:
  retry: {max_attempts: 2, initial_delay_ms: 10, jitter: 0}
  sinks:
    - id: hook
      kind: webhook
      url: ${url}
${extra}`;

test('the CLI folder copied alone to an empty folder runs the demo on the built-in default', async () => {
  const dir = await tempDir();
  await cp(dirname(CLI_BUNDLE), join(dir, 'herald'), { recursive: true });
  const result = await runCli(['send', '--event', 'post_task', '--outcome', 'failed', '--task-id', 'demo-1', '--title', 'Demo failed'], { cwd: dir, node: process.execPath });
  // runCli runs dist/cli/index.js; run the copy explicitly too (no package.json near it):
  const copy = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [join(dir, 'herald', 'index.js'), 'send', '--title', 'copy works'], { cwd: dir, env: baseEnv() });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /ERROR post_task \[demo-1\] Demo failed/);
  assert.equal(copy.code, 0);
  assert.match(copy.out, /copy works/);
  const lines = (await readFile(join(dir, '.herald/events.jsonl'), 'utf8')).trim().split('\n');
  assert.equal(lines.length, 2);
  assert.equal(JSON.parse(lines[0]!).severity, 'error');
});

test('dedup holds across two separate process runs', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const dir = await workspace({ 'herald.yml': hookConfig(receiver.url) });
  const args = ['send', '--event-id', 'deploy-42', '--title', 'Deployed', '--json'];
  const first = await runCli(args, { cwd: dir });
  const second = await runCli(args, { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(jsonLines(first.stdout), [{ sink_id: 'hook', event_id: 'deploy-42', outcome: 'delivered', attempts: 1 }]);
  assert.deepEqual(jsonLines(second.stdout), [{ sink_id: 'hook', event_id: 'deploy-42', outcome: 'deduplicated', attempts: 0 }]);
  assert.equal(receiver.requests.length, 1);
});

test('kill -9 in the middle of a run leaves state the next run reads; nothing confirmed is sent again', async (t) => {
  const receiver = await startReceiver({ status: 200, delayMs: 15 });
  t.after(() => receiver.close());
  const events = Array.from({ length: 150 }, (_, i) => JSON.stringify({ kind: 'post_task', event_id: `k${i}`, title: `job ${i}` })).join('\n');
  const dir = await workspace({ 'herald.yml': hookConfig(receiver.url), 'events.jsonl': events + '\n' });
  const child = spawn(process.execPath, [CLI_BUNDLE, 'send', '--payload-file', 'events.jsonl'], { cwd: dir, env: baseEnv() });
  await receiver.waitFor(40, 20_000);
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('close', resolve));
  const firstRun = receiver.requests.length;
  assert.ok(firstRun < 150, 'the run was cut short');
  const rerun = await runCli(['send', '--payload-file', 'events.jsonl', '--json'], { cwd: dir });
  assert.equal(rerun.code, 0, rerun.stderr);
  const ids = receiver.requests.map((r) => (r.json as { event_id: string }).event_id);
  assert.deepEqual(new Set(ids).size, 150, 'every event arrived');
  assert.ok(ids.length - 150 <= 1, `at most the one in flight at the kill is repeated (got ${ids.length - 150})`);
  const show = await runCli(['state', 'show', '--json'], { cwd: dir });
  assert.equal(jsonLines(show.stdout)[0]!.dedupEntries, 150);
});

test('configuration and usage errors exit 2 with the file, key and fix — never a stack trace', async () => {
  const cases: [Record<string, string>, string[], RegExp][] = [
    [{ 'herald.yml': 'notifications:\n  sinks:\n    - {id: a, kind: slak}\n' }, ['send'], /herald\.yml:3:\d+: notifications\.sinks\[0\]\.kind: unknown sink kind 'slak'/],
    [{ 'herald.yml': 'notifications:\n  sinks:\n    - {id: a, kind: webhook, url: "${NOPE}"}\n' }, ['send'], /\$\{NOPE\} is not set/],
    [{ 'herald.yml': 'notifications:\n  sinks: [\n' }, ['list'], /invalid YAML/],
    [{ 'herald.yml': 'notifications:\n  sinks: []\n' }, ['send', '--severity', 'loud'], /--severity must be one of/],
    [{ 'herald.yml': 'notifications:\n  sinks: []\n' }, ['send', '--label', 'novalue'], /--label expects key=value/],
    [{ 'herald.yml': 'notifications:\n  sinks: []\n' }, ['send', '--payload-file', 'nothere.json'], /cannot read --payload-file/],
    [{ 'herald.yml': 'notifications:\n  sinks: []\n', 'bad.jsonl': '{"kind": "post_task"}\n{"title": 1}\n' }, ['send', '--payload-file', 'bad.jsonl'], /bad\.jsonl:2: /],
    [{ 'herald.yml': 'notifications:\n  sinks: [{id: a, kind: console}]\n' }, ['send', '--sink', 'b'], /sink 'b' not found/],
    [{}, ['send', '--config', 'missing.yml'], /missing\.yml: config not found/],
    [{}, ['frobnicate'], /unknown command/],
    [{}, ['test'], /required option '--sink/],
  ];
  for (const [files, args, pattern] of cases) {
    const dir = await workspace(files);
    const result = await runCli(args, { cwd: dir });
    assert.equal(result.code, 2, `${args.join(' ')} → ${result.code}\n${result.stderr}`);
    assert.match(result.stderr, pattern);
    assert.doesNotMatch(result.stderr, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
  }
});

test('secrets never reach output, errors, dry-run, dead letters or state files', async (t) => {
  const receiver = await startReceiver({ status: 401, body: 'bad token' });
  t.after(() => receiver.close());
  const secretPath = '/services/T0SECRET/B0SECRET/abcdefsecretpath';
  const token = 'tok_supersecret_987';
  const env = { HOOK_URL: `${receiver.url}${secretPath}`, API_TOKEN: token };
  const dir = await workspace({
    'herald.yml': `notifications:\n  retry: {max_attempts: 1}\n  sinks:\n    - id: hook\n      kind: webhook\n      url: \${HOOK_URL}\n      headers: {Authorization: "Bearer \${API_TOKEN}"}\n`,
  });
  const outputs: string[] = [];
  for (const args of [['send', '--json'], ['send'], ['send', '--dry-run'], ['render', '--format', 'markdown'], ['validate'], ['list'], ['dlq', 'list', '--json'], ['dlq', 'list'], ['test', '--sink', 'hook'], ['dlq', 'replay']]) {
    const result = await runCli(args, { cwd: dir, env });
    outputs.push(result.stdout, result.stderr);
  }
  const stateDir = join(dir, '.herald', 'state');
  for (const name of await readdir(stateDir)) {
    if (name.endsWith('.jsonl')) outputs.push(await readFile(join(stateDir, name), 'utf8'));
  }
  const all = outputs.join('\n');
  assert.match(all, /http 401/, 'the failure itself is reported');
  assert.match(all, /http:\/\/127\.0\.0\.1:\d+\/\*\*\*/, 'URLs show scheme and host only');
  assert.ok(!all.includes('abcdefsecretpath'), 'webhook path leaked');
  assert.ok(!all.includes(token), 'token leaked');
  assert.equal(receiver.requests[0]!.headers.authorization, `Bearer ${token}`, 'the real value was sent');
});

test('list prints Bernstein-compatible lines; test reports the real outcome and exit status', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const dir = await workspace({ 'herald.yml': hookConfig(receiver.url, '      events: [post_task]\n    - {id: off, kind: console, enabled: false}\n') });
  const list = await runCli(['list'], { cwd: dir });
  assert.equal(list.code, 0);
  const lines = list.stdout.trim().split('\n');
  assert.ok(lines[0]!.startsWith('{"id": "hook", "kind": "webhook", "enabled": true, "events": ["post_task"], "severities": null, '), lines[0]);
  assert.ok(lines[1]!.startsWith('{"id": "off", "kind": "console", "enabled": false, "events": null, "severities": null'));
  const ok = await runCli(['test', '--sink', 'hook'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^\{"sink_id": "hook", "event_id": "synthetic-hook-\d+", "outcome": "delivered", "attempts": 1\}/);
  assert.match(ok.stderr, /would not receive this event: event 'synthetic' is not in events/);
  receiver.setFallback({ status: 404, body: 'no_service' });
  const bad = await runCli(['test', '--sink', 'hook'], { cwd: dir });
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /"outcome": "failed_permanent".*no_service/);
  assert.equal((await runCli(['dlq', 'list', '--json'], { cwd: dir })).stdout.trim(), '', 'a test never fills the dead-letter queue');
  const disabled = await runCli(['test', '--sink', 'off'], { cwd: dir });
  assert.equal(disabled.code, 2);
  assert.equal((await runCli(['list'], { cwd: await workspace({ 'herald.yml': 'notifications: {}\n' }) })).stdout.trim(), '(no sinks configured)');
});

test('dead letters replay from the CLI once the receiver recovers; --strict and required set the exit status', async (t) => {
  const receiver = await startReceiver({ status: 503 });
  t.after(() => receiver.close());
  const dir = await workspace({ 'herald.yml': hookConfig(receiver.url) });
  const failed = await runCli(['send', '--event-id', 'r1', '--json'], { cwd: dir });
  assert.equal(failed.code, 0, 'an optional sink failing does not fail the job');
  assert.equal(jsonLines(failed.stdout)[0]!.outcome, 'dead_lettered');
  assert.equal((await runCli(['send', '--event-id', 'r2', '--strict'], { cwd: dir })).code, 1);
  const stillDown = await runCli(['dlq', 'replay'], { cwd: dir });
  assert.equal(stillDown.code, 1);
  assert.equal(jsonLines((await runCli(['dlq', 'list', '--json'], { cwd: dir })).stdout).length, 2, 'a failed replay keeps the dead letter');
  receiver.setFallback({ status: 200 });
  const replay = await runCli(['dlq', 'replay', '--json'], { cwd: dir });
  assert.equal(replay.code, 0, replay.stderr);
  assert.deepEqual(jsonLines(replay.stdout).map((l) => l.outcome), ['delivered', 'delivered']);
  assert.equal((await runCli(['dlq', 'list', '--json'], { cwd: dir })).stdout.trim(), '');
  const requiredDir = await workspace({ 'herald.yml': hookConfig('http://127.0.0.1:9/unreachable', '      required: true\n') });
  assert.equal((await runCli(['send'], { cwd: requiredDir })).code, 1);
  const drop = await runCli(['send', '--event-id', 'x'], { cwd: requiredDir });
  assert.equal(drop.code, 1);
  assert.equal((await runCli(['dlq', 'drop', '--all'], { cwd: requiredDir })).code, 0);
  assert.equal((await runCli(['dlq', 'list', '--json'], { cwd: requiredDir })).stdout.trim(), '');
});

test('validate reports unset variables without printing values; audit verify catches tampering', async () => {
  const dir = await workspace({
    'herald.yml': 'notifications:\n  audit: {key: "${AUDIT}"}\n  sinks:\n    - {id: a, kind: webhook, url: "${HOOK}"}\n    - {id: f, kind: file, path: out.jsonl}\n',
  });
  const missing = await runCli(['validate'], { cwd: dir, env: { AUDIT: 'audit-key-0123456789' } });
  assert.equal(missing.code, 2);
  assert.match(missing.stdout, /missing: \$\{HOOK\} used at notifications\.sinks\[0\]\.url/);
  const env = { AUDIT: 'audit-key-0123456789', HOOK: 'http://127.0.0.1:9/very-secret-hook' };
  const ok = await runCli(['validate'], { cwd: dir, env });
  assert.equal(ok.code, 0);
  assert.ok(!ok.stdout.includes('very-secret-hook'));
  await runCli(['send', '--sink', 'f', '--title', 'one'], { cwd: dir, env });
  await runCli(['send', '--sink', 'f', '--title', 'two'], { cwd: dir, env });
  const verified = await runCli(['audit', 'verify'], { cwd: dir, env });
  assert.equal(verified.code, 0, verified.stderr);
  assert.match(verified.stdout, /ok: 2 entries/);
  const auditDir = join(dir, '.herald/state/audit');
  const [file] = (await readdir(auditDir)).filter((n) => n.endsWith('.jsonl'));
  const text = await readFile(join(auditDir, file!), 'utf8');
  await chmod(join(auditDir, file!), 0o600);
  await writeFile(join(auditDir, file!), text.replace('"outcome": "delivered"', '"outcome": "deduplicated"'));
  const broken = await runCli(['audit', 'verify'], { cwd: dir, env });
  assert.equal(broken.code, 1);
  assert.match(broken.stdout, /broken at .*:1: hmac does not match/);
});

test('--out writes Herald JSONL for a later job; a fan-in send dispatches it', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const dir = await workspace({ 'herald.yml': hookConfig(receiver.url) });
  await runCli(['send', '--out', 'events.jsonl', '--event-id', 'm1', '--title', 'matrix 1', '--label', 'os=linux'], { cwd: dir });
  await runCli(['send', '--out', 'events.jsonl', '--event-id', 'm2', '--title', 'matrix 2'], { cwd: dir });
  assert.equal(receiver.requests.length, 0, '--out sends nothing');
  const fanIn = await runCli(['send', '--payload-file', 'events.jsonl', '--json'], { cwd: dir });
  assert.deepEqual(jsonLines(fanIn.stdout).map((l) => l.event_id), ['m1', 'm2']);
  assert.deepEqual((receiver.requests[0]!.json as { labels: object }).labels, { os: 'linux' });
  const stdin = await runCli(['send', '--payload-file', '-', '--json'], { cwd: dir, input: '{"kind": "post_merge", "event_id": "s1", "title": "merged"}' });
  assert.equal(jsonLines(stdin.stdout)[0]!.outcome, 'delivered');
});

test('a state folder that cannot be created costs dedup, not the notification', async () => {
  const dir = await workspace({ 'herald.yml': 'notifications:\n  sinks:\n    - {id: out, kind: file, path: sent.jsonl}\n' });
  // A path under a regular file cannot be created, even by root.
  const result = await runCli(['send', '--json', '--event-id', 'ro1', '--state-dir', 'herald.yml/state'], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(jsonLines(result.stdout).map((l) => l.outcome), ['delivered']);
  assert.match(result.stderr, /state unavailable .*delivering without dedup/);
  assert.equal((result.stderr.match(/warning/g) ?? []).length, 1, 'said once');
  assert.equal((await readFile(join(dir, 'sent.jsonl'), 'utf8')).trim().split('\n').length, 1);
});
