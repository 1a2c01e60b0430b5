// `herald profile init | wizard | smoke` as users run them (the CLI source through tsx): the
// profiles written, the next-steps text, the default-profile rule, the smoke steps and their order,
// and exit statuses (2 for bad input, 1 for a smoke step that fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli.js';
import { densegenHealth, usrLine } from '../support/usr-log.js';
import { loadProfile } from '../../src/profile/schema.js';
import { nextSteps } from '../../src/cli/profile-writer.js';

const HOOK = 'https://hooks.slack.com/services/T000/B000/s3cr3tS3CR3T';
const EVENTS = 'usr/densegen/demo_tfbs/.events.log';
const DENSEGEN_CONFIG = 'densegen:\n  run: {root: .}\n  output:\n    targets: [parquet, usr]\n    usr: {root: ../../usr, dataset: densegen/demo_tfbs}\n';
const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCli(args, { cwd, env, source: true });

function sortedText(data: Record<string, unknown>): string {
  const sort = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v);
  return JSON.stringify(sort(data), null, 2) + '\n';
}

function userError(r: { code: number | null; stderr: string }, message: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

test('profile init writes a sorted 0600 v2 profile; relative --cursor/--spool-dir are taken from the CWD and stored absolute', async () => {
  const dir = await workspace({ [EVENTS]: usrLine({ action: 'init' }), 'ca.pem': 'x\n' });
  const profile = join(dir, 'notify', 'densegen', 'profile.json');
  const r = await cli(['profile', 'init', '--profile', 'notify/densegen/profile.json', '--provider', 'slack', '--url-env', 'DENSEGEN_WEBHOOK', '--events', EVENTS,
    '--policy', 'DenseGen', '--only-tools', 'densegen,infer', '--cursor', 'state/cursor', '--spool-dir', 'state/spool', '--tls-ca-bundle', 'ca.pem',
    '--progress-step-pct', '10', '--progress-min-seconds', '30', '--progress-heartbeat-seconds', '600.5', '--include-context'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `Profile written: ${profile}\n`);
  const text = await readFile(profile, 'utf8');
  const data = JSON.parse(text) as Record<string, unknown>;
  assert.equal(text, sortedText(data), 'sorted keys, 2-space indent, trailing newline');
  assert.equal((await stat(profile)).mode & 0o777, 0o600);
  assert.deepEqual(data, {
    cursor: join(dir, 'state', 'cursor'),
    events: join(dir, EVENTS),
    include_args: false,
    include_context: true,
    include_raw_event: false,
    only_actions: 'densegen_health,densegen_flush_failed,materialize',
    only_tools: 'densegen,infer',
    policy: 'densegen',
    profile_version: 2,
    progress_heartbeat_seconds: 600.5,
    progress_min_seconds: 30,
    progress_step_pct: 10,
    provider: 'slack',
    spool_dir: join(dir, 'state', 'spool'),
    tls_ca_bundle: join(dir, 'ca.pem'),
    webhook: { ref: 'DENSEGEN_WEBHOOK', source: 'env' },
  });
  assert.equal((await loadProfile(profile, dir)).policy, 'densegen', 'the profile reader accepts it');
  assert.ok(!existsSync(join(dir, 'state')), 'init creates no cursor or spool directory');

  const again = await cli(['profile', 'init', '--profile', profile, '--provider', 'generic', '--url-env', 'OTHER', '--events', EVENTS], dir);
  userError(again, new RegExp(`profile already exists: ${profile}\\. Pass --force to overwrite\\.`));
  assert.equal(await readFile(profile, 'utf8'), text, 'left untouched');
  const forced = await cli(['profile', 'init', '--profile', profile, '--provider', 'generic', '--url-env', 'OTHER', '--events', EVENTS, '--force'], dir);
  assert.equal(forced.code, 0, forced.stderr);
  const plain = JSON.parse(await readFile(profile, 'utf8')) as Record<string, unknown>;
  // Herald's default cursor sits next to the profile, not in the USR dataset (§10 #20); no spool.
  assert.equal(plain.cursor, join(dir, 'notify', 'densegen', 'cursor'));
  assert.deepEqual(Object.keys(plain).sort(), ['cursor', 'events', 'include_args', 'include_context', 'include_raw_event', 'profile_version', 'provider', 'webhook']);
});

test('profile init: each documented error exits 2 with its message, no stack trace and no profile', async () => {
  const dir = await workspace({ [EVENTS]: usrLine({ action: 'init' }), 'config.yaml': 'densegen: {}\n' });
  const base = { '--profile': 'p.json', '--provider': 'slack', '--url-env': 'HOOK', '--events': EVENTS };
  const run = (over: Record<string, string | undefined>, extra: string[] = []) => {
    const flags = { ...base, ...over };
    return cli(['profile', 'init', ...Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [k, v])), ...extra], dir);
  };
  const cases: [Promise<Awaited<ReturnType<typeof cli>>>, RegExp][] = [
    [run({}, ['--progress-step-pct', '0']), /progress_step_pct must be an integer between 1 and 100/],
    [run({}, ['--progress-step-pct', '2.5']), /progress_step_pct must be an integer between 1 and 100/],
    [run({}, ['--progress-min-seconds', '0']), /progress_min_seconds must be a positive number/],
    [run({}, ['--progress-heartbeat-seconds', 'soon']), /progress_heartbeat_seconds must be a positive number/],
    [run({ '--provider': '  ' }), /provider must be a non-empty string/],
    [run({ '--url-env': ' ' }), /url_env must be a non-empty string/],
    [run({}, ['--policy', 'nope']), /unsupported policy 'nope'\. Supported values: construct, densegen, generic, infer/],
    [run({ '--provider': 'teams' }), /provider must be one of: discord, generic, slack/],
    [run({ '--events': 'missing/.events.log' }), /events file not found: .*missing\/\.events\.log/],
    [run({ '--events': 'config.yaml' }), /events must point to a USR \.events\.log JSONL file, not a config file/],
    [run({ '--url-env': undefined }), /required option '--url-env <name>' not specified/],
  ];
  for (const [pending, message] of cases) userError(await pending, message);
  assert.ok(!existsSync(join(dir, 'p.json')));
});

test('profile wizard: next steps for an existing events file, in text and in --json', async () => {
  const dir = await workspace({ [EVENTS]: usrLine({ action: 'init' }) });
  const profile = join(dir, 'notify dir', 'profile.json');
  const quoted = `'${profile}'`;
  const expected = [
    'Next steps:',
    `  1) herald profile doctor --profile ${quoted}`,
    `  2) herald watch --profile ${quoted} --dry-run`,
    `  3) herald watch --profile ${quoted} --follow`,
    '  batch: qsub -P <project> \\',
    `    -v NOTIFY_PROFILE=${quoted} \\`,
    '    examples/batch/watch.qsub',
    '  env: export DENSEGEN_WEBHOOK=<your_webhook_url>',
  ];
  const args = ['profile', 'wizard', '--profile', 'notify dir/profile.json', '--events', EVENTS, '--secret-source', 'env', '--url-env', 'DENSEGEN_WEBHOOK', '--policy', 'densegen'];
  const text = await cli(args, dir);
  assert.equal(text.code, 0, text.stderr);
  assert.equal(text.stdout, [`Profile written: ${profile}`, ...expected].join('\n') + '\n');

  const json = await cli([...args, '--json', '--force'], dir);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), {
    cursor: join(dir, 'notify dir', 'cursor'),
    events: join(dir, EVENTS),
    events_exists: true,
    next_steps: expected,
    ok: true,
    policy: 'densegen',
    profile,
    provider: 'slack',
    spool_dir: join(dir, 'notify dir', 'spool'),
    webhook: { ref: 'DENSEGEN_WEBHOOK', source: 'env' },
  });
  assert.match(json.stdout, /^\{"cursor": "/, 'Python separators, sorted keys');
});

test('profile wizard next steps when the events file does not exist yet (shared with setup slack)', () => {
  // The wizard itself requires --events to exist; its next-steps builder serves both cases.
  const webhook = { source: 'secret_ref', ref: 'file:///s/hook' };
  assert.deepEqual(nextSteps({ profilePath: '/w/outputs/notify/densegen/profile.json', eventsExist: false, webhook, batch: true }), [
    'Next steps:',
    '  1) Submit your tool run (events path is reserved but not created yet).',
    '  2) herald watch --profile /w/outputs/notify/densegen/profile.json --follow --wait-for-events --stop-on-terminal-status --idle-timeout 900',
    '  batch: qsub -P <project> \\',
    '    -v NOTIFY_PROFILE=/w/outputs/notify/densegen/profile.json \\',
    '    examples/batch/watch.qsub',
  ]);
  const withSource = nextSteps({ profilePath: '/w/p.json', eventsSource: { tool: 'densegen', config: '/w/my ws/config.yaml' }, eventsExist: false, webhook: { source: 'env', ref: 'H' }, batch: false });
  assert.equal(withSource[2], "  2) herald watch --tool densegen --config '/w/my ws/config.yaml' --follow --wait-for-events --stop-on-terminal-status --idle-timeout 900");
  assert.equal(withSource.at(-1), '  env: export H=<your_webhook_url>');
  assert.ok(!withSource.some((l) => l.includes('qsub')));
});

test('profile wizard: the default profile applies only when --profile is absent', async () => {
  const dir = await workspace({ [EVENTS]: usrLine({ action: 'init' }) });
  const secret = join(dir, 'secrets', 'hook');
  userError(await cli(['profile', 'wizard', '--events', EVENTS, '--secret-source', 'env'], dir), /default profile path is ambiguous in wizard mode; pass --policy or --profile to select a profile namespace/);

  const byPolicy = await cli(['profile', 'wizard', '--events', EVENTS, '--policy', 'densegen', '--only-actions', 'densegen_health', '--provider', 'discord',
    '--secret-source', 'file', '--secret-ref', `file://${secret}`, '--webhook-url', HOOK, '--json'], dir);
  assert.equal(byPolicy.code, 0, byPolicy.stderr);
  assert.doesNotMatch(byPolicy.stdout + byPolicy.stderr, /s3cr3t/);
  const ns = join(dir, 'outputs', 'notify', 'densegen');
  const out = JSON.parse(byPolicy.stdout) as { profile: string; next_steps: string[] };
  assert.equal(out.profile, join(ns, 'profile.json'));
  assert.ok(!out.next_steps.some((l) => l.includes('export')), 'no env line for a secret ref');
  const data = JSON.parse(await readFile(join(ns, 'profile.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual([data.provider, data.only_actions, data.only_tools, data.cursor, data.spool_dir], ['discord', 'densegen_health', 'densegen', join(ns, 'cursor'), join(ns, 'spool')]);
  assert.deepEqual(data.webhook, { ref: `file://${secret}`, source: 'secret_ref' });
  assert.equal((await readFile(secret, 'utf8')).trim(), HOOK);
  assert.equal((await stat(join(ns, 'spool'))).mode & 0o777, 0o700);

  // Typing the default string is a choice, not "unset": no --policy needed, and no filters added.
  const typed = await cli(['profile', 'wizard', '--profile', 'outputs/notify/generic/profile.json', '--events', EVENTS, '--secret-source', 'env'], dir);
  assert.equal(typed.code, 0, typed.stderr);
  const generic = JSON.parse(await readFile(join(dir, 'outputs', 'notify', 'generic', 'profile.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(generic.policy, undefined);
  assert.equal(generic.only_actions, undefined);
  assert.deepEqual(generic.webhook, { ref: 'NOTIFY_WEBHOOK', source: 'env' });

  userError(await cli(['profile', 'wizard', '--policy', 'densegen', '--secret-source', 'env'], dir), /required option '--events <path>' not specified/);
  userError(await cli(['profile', 'wizard', '--events', EVENTS, '--policy', 'densegen', '--provider', 'teams', '--secret-source', 'env', '--force'], dir), /provider must be one of: discord, generic, slack/);
  userError(await cli(['profile', 'wizard', '--events', EVENTS, '--policy', 'densegen', '--progress-step-pct', '101', '--secret-source', 'env', '--force'], dir), /progress_step_pct must be an integer between 1 and 100/);
  const jsonError = await cli(['profile', 'wizard', '--events', 'nope.log', '--policy', 'densegen', '--secret-source', 'env', '--json'], dir);
  assert.equal(jsonError.code, 2);
  assert.deepEqual(JSON.parse(jsonError.stdout), { error: `events file not found: ${join(dir, 'nope.log')}`, ok: false });
});

async function smokeWorkspace(): Promise<{ dir: string; args: string[]; events: string; cursor: string }> {
  const dir = await workspace({ 'ws/demo/config.yaml': DENSEGEN_CONFIG, 'secrets/hook': `${HOOK}\n`, 'ca.pem': 'x\n' });
  await chmod(join(dir, 'secrets', 'hook'), 0o600);
  const args = ['profile', 'smoke', '--profile', 'notify/profile.json', '--tool', 'densegen', '--config', 'ws/demo/config.yaml', '--cursor', 'cursor',
    '--spool-dir', 'spool', '--policy', 'densegen', '--secret-ref', `file://${join(dir, 'secrets', 'hook')}`, '--tls-ca-bundle', 'ca.pem'];
  return { dir, args, events: join(dir, EVENTS), cursor: join(dir, 'notify', 'cursor') };
}

test('profile smoke: setup, then the events file is created, then doctor, then a dry-run watch that leaves the cursor alone', async () => {
  const { dir, args, events, cursor } = await smokeWorkspace();
  const r = await cli(args, dir);
  assert.equal(r.code, 0, r.stderr);
  const profile = join(dir, 'notify', 'profile.json');
  assert.equal(r.stdout.split('\n')[0], `Profile written: ${profile}`);
  assert.match(r.stdout, /1\) Submit your tool run \(events path is reserved but not created yet\)\./, 'setup ran before the file existed');
  assert.ok(r.stdout.endsWith('\nProfile wiring OK.\n'), 'doctor ran after the file was created; the watch of an empty file printed nothing');
  assert.equal((await stat(events)).size, 0);
  assert.equal((await stat(events)).mode & 0o777, 0o600);
  const data = JSON.parse(await readFile(profile, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(data.events_source, { config: join(dir, 'ws', 'demo', 'config.yaml'), tool: 'densegen' });
  assert.deepEqual(data.webhook, { ref: `file://${join(dir, 'secrets', 'hook')}`, source: 'secret_ref' });
  assert.ok(!existsSync(cursor), 'dry-run does not advance the cursor by default');

  // A second run keeps the log, and the watch step prints its payloads after doctor's line.
  await writeFile(events, densegenHealth('running', '2026-08-21T14:01:04.000000Z', { tfbs_total_library: 80, tfbs_unique_used: 20, tfbs_coverage_pct: 25, plans_attempted: 14, plans_solved: 12, rows_written_session: 12, run_quota: 120, quota_progress_pct: 10, run_elapsed_seconds: 60.9 }));
  const again = await cli(args, dir);
  assert.equal(again.code, 0, again.stderr);
  const lines = again.stdout.trimEnd().split('\n');
  const okAt = lines.indexOf('Profile wiring OK.');
  assert.ok(okAt > 0 && lines[0]!.startsWith('Profile written: '));
  assert.equal(lines.length, okAt + 2, 'one dry-run payload after doctor');
  assert.match(lines[okAt + 1]!, /^\{".*densegen/);
  assert.ok(!existsSync(cursor));
  assert.notEqual((await stat(events)).size, 0, 'an existing events file is not truncated');

  const filtered = await cli([...args, '--only-tools', 'infer'], dir);
  assert.equal(filtered.code, 0, filtered.stderr);
  assert.ok(filtered.stdout.endsWith('\nProfile wiring OK.\n'), '--only-tools reaches the watch step');

  const advanced = await cli([...args, '--advance-cursor-on-dry-run'], dir);
  assert.equal(advanced.code, 0, advanced.stderr);
  assert.equal(await readFile(cursor, 'utf8'), String((await stat(events)).size));
});

test('profile smoke exits 1 at the step that fails, and 2 for bad input to setup', async () => {
  const { dir, args, events } = await smokeWorkspace();
  const badPolicy = await cli(args.map((a, i) => (args[i - 1] === '--policy' ? 'nope' : a)), dir);
  userError(badPolicy, /unsupported policy 'nope'/);
  assert.ok(!existsSync(events), 'no step after setup ran');

  // Doctor cannot read the webhook: step 3 fails; the file was created by step 2; watch never runs.
  const noSecret = args.map((a) => (a.startsWith('file://') ? `file://${join(dir, 'secrets', 'missing')}` : a));
  const doctorFails = await cli(noSecret, dir);
  assert.equal(doctorFails.code, 1);
  assert.match(doctorFails.stderr, /profile smoke failed at step 3 \(profile doctor\): secret value not found/);
  assert.ok(existsSync(events));
  assert.doesNotMatch(doctorFails.stdout, /Profile wiring OK/);

  // The first line passes doctor's startup check; the second is not JSON, so the watch step fails.
  await writeFile(events, usrLine({ action: 'init' }) + 'not json\n');
  const watchFails = await cli(args, dir);
  assert.equal(watchFails.code, 1);
  assert.match(watchFails.stdout, /Profile wiring OK\.\n$/);
  assert.match(watchFails.stderr, /Notification failed: .*\n.*profile smoke failed at step 4 \(watch\): exit status 1/);
});

test('setup slack checks progress flags before writing, and its next steps end with the batch lines', async () => {
  const dir = await workspace({ [EVENTS]: usrLine({ action: 'init' }) });
  const base = ['setup', 'slack', '--events', EVENTS, '--profile', 'p/profile.json', '--secret-source', 'env', '--url-env', 'LAB_HOOK'];
  userError(await cli([...base, '--progress-step-pct', 'abc'], dir), /progress_step_pct must be an integer between 1 and 100/);
  assert.equal(existsSync(join(dir, 'p', 'profile.json')), false, 'nothing half-written');
  const ok = await cli([...base, '--progress-step-pct', '20'], dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /  batch: qsub -P <project> \\\n    -v NOTIFY_PROFILE=\S+profile\.json \\\n    examples\/batch\/watch\.qsub\n/);
});
