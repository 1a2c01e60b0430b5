// dnadesign notify's own test checklist (reference/usr-events-and-profiles.md §8, its test files),
// one case per test file (a file with behaviours Herald keeps and others it changes gets a case for
// each part): each runs Herald on those behaviours and asserts dnadesign's result, or is skipped
// with the reason Herald differs on purpose (README / docs/usr-watch.md compatibility notes). The
// last case counts them and checks the figure the README states.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWatch, type WatchSettings } from '../../src/watch/run.js';
import { validateProfile } from '../../src/profile/schema.js';
import { parseSecretRef, resolveSecretRef, storeSecretRef } from '../../src/profile/secrets.js';
import { pickWebhookSource, resolveCaBundle, resolveWebhookUrl } from '../../src/profile/webhook.js';
import { formatUsrPayload, providerUrlProblem, type UsrPayload } from '../../src/sinks/usr-webhook-format.js';
import { genericStatus } from '../../src/sources/usr-events/status.js';
import { checkEventsFile, validateRecord } from '../../src/sources/usr-events/validate.js';
import { POLICY_DEFAULTS, listWorkspaces, resolveWorkspace } from '../../src/profile/resolvers.js';
import { handlerFor } from '../../src/sources/usr-events/packs/index.js';
import { ROOT, runCli, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';
import { densegenHealth, goldenStream, usrLine } from '../support/usr-log.js';

const reproduced: string[] = [];
const differs: string[] = [];
const pendingCases: string[] = [];

function same(file: string, name: string, fn: (t: TestContext) => Promise<void> | void): void {
  reproduced.push(file);
  test(`${file}: ${name}`, fn);
}
function differ(file: string, name: string, reason: string): void {
  differs.push(file);
  test(`${file}: ${name}`, { skip: `differs on purpose: ${reason}` }, () => undefined);
}
// A behaviour another change still has to bring: run, but not counted until it passes for good.
export function pending(file: string, name: string, reason: string, fn: (t: TestContext) => Promise<void> | void): void {
  pendingCases.push(file);
  test(`${file}: ${name}`, { todo: reason }, fn);
}

const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCli(args, { cwd, env, source: true });
const DONE = { tfbs_total_library: 80, tfbs_unique_used: 20, tfbs_coverage_pct: 25, plans_attempted: 14, plans_solved: 12, rows_written_session: 120, run_quota: 120, quota_progress_pct: 100, run_elapsed_seconds: 600 };
const DENSEGEN_CONFIG = 'densegen:\n  run: {root: .}\n  output:\n    targets: [parquet, usr]\n    usr: {root: ../../usr, dataset: densegen/demo_tfbs}\n';

async function dryRun(text: string, extra: Partial<WatchSettings> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'herald-compat-'));
  await writeFile(join(dir, 'e.log'), text);
  const out: string[] = [];
  const warn: string[] = [];
  const settings: WatchSettings = {
    eventsPath: join(dir, 'e.log'), follow: false, waitForEvents: false, pollMs: 20, stopOnTerminal: false, onTruncate: 'error',
    onlyActions: [], onlyTools: [], progress: {}, onInvalid: 'error', allowUnknownVersion: false,
    include: { includeArgs: false, includeContext: false, includeRawEvent: false }, provider: 'generic', dryRun: true, advanceCursorOnDryRun: false, failFast: false, ...extra,
  };
  const result = await runWatch(settings, { out: (l) => out.push(...l.split('\n')), warn: (l) => warn.push(l), sleep: async () => undefined, nowMs: () => Date.UTC(2026, 7, 21, 15) });
  return { result, payloads: out.map((l) => JSON.parse(l) as Record<string, any>), warn, dir };
}

const validProfile = (extra: Record<string, unknown> = {}) => ({ profile_version: 2, provider: 'generic', events: '/x/.events.log', webhook: { source: 'env', ref: 'NOTIFY_WEBHOOK' }, ...extra });
const profileError = (data: unknown): string => {
  try {
    validateProfile(data, '/p/profile.json');
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail('expected a profile error');
};

// ---- cli/test_usr_events.py (watch + spool) ----
same('cli/test_usr_events.py', 'validation errors, dry-run payload shape, skip mode, include flags, densegen messages', async () => {
  await assert.rejects(dryRun(usrLine({ action: 'init', event_version: 99 })), /unknown event_version/);
  await assert.rejects(dryRun(usrLine({ action: 'init', actor: 'x' })), /event field 'actor' must be an object/);
  await assert.rejects(dryRun(usrLine({ action: 'init', dataset: 'x' })), /event field 'dataset' must be an object/);
  await assert.rejects(dryRun('{"event_version":1,,}\n'), /event line is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 20 \(char 19\)$/);
  await assert.rejects(dryRun(usrLine({ action: 'init', actor: { run_id: 'r' } })), /event missing actor\.tool/);
  await assert.rejects(dryRun(usrLine({ action: 'init', actor: { tool: 'densegen' } })), /event missing actor\.run_id/);
  const plain = await dryRun(goldenStream());
  assert.equal(plain.payloads[0]!.tool, 'densegen');
  for (const key of ['host', 'cwd']) assert.ok(!(key in plain.payloads[0]!), key);
  for (const key of ['usr_args', 'usr_event', 'usr_dataset_root']) assert.ok(!(key in plain.payloads[0]!.meta), key);
  const skipped = await dryRun(usrLine({ action: 'init', actor: 'x' }) + usrLine({ action: 'init' }), { onInvalid: 'skip' });
  assert.equal(skipped.payloads.length, 1);
  assert.match(skipped.warn[0]!, /Skipping invalid event line/);
  const included = await dryRun(usrLine({ action: 'init' }), { include: { includeArgs: true, includeContext: true, includeRawEvent: true } });
  assert.ok('usr_args' in included.payloads[0]!.meta && 'usr_event' in included.payloads[0]!.meta && 'usr_dataset_root' in included.payloads[0]!.meta);
  assert.ok('host' in included.payloads[0]! && 'cwd' in included.payloads[0]!);
  const completed = await dryRun(densegenHealth('completed', '2026-08-21T14:10:31.000000Z', DONE));
  assert.equal(completed.payloads.at(-1)!.status, 'success');
});
same('cli/test_usr_events.py', 'the cursor: a second run posts nothing; a cursor past the end fails', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const dir = await workspace({ 'e.log': usrLine({ action: 'init' }) });
  const args = ['watch', '--events', 'e.log', '--cursor', 'cursor', '--url', `${receiver.url}/hook`, '--provider', 'generic'];
  assert.equal((await cli(args, dir)).code, 0);
  assert.equal((await cli(args, dir)).code, 0);
  assert.equal(receiver.requests.length, 1);
  await writeFile(join(dir, 'cursor'), '99999');
  const beyond = await cli(args, dir);
  assert.notEqual(beyond.code, 0);
  assert.match(beyond.stderr, /cursor offset exceeds events file size/);
});

// ---- cli/test_usr_events_process_integration.py ----
same('cli/test_usr_events_process_integration.py', 'a dead endpoint leaves a spool file; spool drain delivers it and empties the spool', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const dir = await workspace({ 'e.log': usrLine({ action: 'init' }) });
  const dead = await cli(['watch', '--events', 'e.log', '--url', 'http://127.0.0.1:9/hook', '--provider', 'generic', '--retry-max', '1', '--spool-dir', 'spool', '--cursor', 'cursor'], dir);
  assert.equal(dead.code, 0, dead.stderr);
  const drained = await cli(['spool', 'drain', '--spool-dir', 'spool', '--url', `${receiver.url}/hook`, '--provider', 'generic'], dir);
  assert.equal(drained.code, 0, drained.stderr);
  assert.equal(receiver.requests.length, 1);
  assert.deepEqual(await (await import('node:fs/promises')).readdir(join(dir, 'spool')), []);
});

// ---- cli/test_profile_runtime_defaults.py ----
same('cli/test_profile_runtime_defaults.py', 'a profile storing a plain URL is refused', () => {
  assert.match(profileError(validProfile({ url: 'https://hooks.slack.com/x' })), /must not store plain webhook URLs/);
});

// ---- cli/test_profile_doctor.py ----
same('cli/test_profile_doctor.py', 'profile checks and doctor output', async () => {
  assert.match(profileError(validProfile({ profile_version: 1 })), /profile_version must be 2/);
  assert.match(profileError(validProfile({ preset: 'x' })), /legacy profile field 'preset' is not supported/);
  assert.match(profileError(validProfile({ policy: 'densegen' })), /requires explicit only_actions and only_tools/);
  const dir = await workspace({ 'e.log': '', 'profile.json': JSON.stringify(validProfile({ events: 'e.log' })) });
  const unset = await cli(['profile', 'doctor', '--profile', 'profile.json'], dir);
  assert.match(unset.stderr, /is not set or empty/);
  const ok = await cli(['profile', 'doctor', '--profile', 'profile.json'], dir, { NOTIFY_WEBHOOK: 'http://127.0.0.1:9/hook' });
  assert.equal(ok.stdout, 'Profile wiring OK.\n');
  const json = await cli(['profile', 'doctor', '--profile', 'profile.json', '--json'], dir, { NOTIFY_WEBHOOK: 'http://127.0.0.1:9/hook' });
  assert.equal((JSON.parse(json.stdout) as { ok: boolean }).ok, true);
});

// ---- cli/test_profile_init.py ----
same('cli/test_profile_init.py', '--policy densegen fills the filters; a second init without --force fails', async () => {
  const dir = await workspace({ 'e.log': '' });
  const args = ['profile', 'init', '--profile', 'p.json', '--provider', 'generic', '--events', 'e.log', '--url-env', 'HOOK', '--policy', 'densegen'];
  const first = await cli(args, dir);
  assert.equal(first.code, 0, first.stderr);
  const data = JSON.parse(await readFile(join(dir, 'p.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(data.only_actions, POLICY_DEFAULTS.densegen!.only_actions);
  assert.deepEqual(data.webhook, { ref: 'HOOK', source: 'env' });
  assert.ok(!('url_env' in data));
  assert.match((await cli(args, dir)).stderr, /already exists/);
});

// ---- cli/test_profile_wizard.py ----
same('cli/test_profile_wizard.py', 'no policy and no profile: "pass --policy or --profile"', async () => {
  const dir = await workspace({ 'e.log': '' });
  const r = await cli(['profile', 'wizard', '--events', 'e.log', '--secret-source', 'env'], dir);
  assert.match(r.stderr, /pass --policy or --profile/);
});

// ---- cli/test_setup.py ----
same('cli/test_setup.py', 'setup slack and resolve-events: errors, default profile, printed policy', async () => {
  const dir = await workspace({ 'ws/demo/config.yaml': DENSEGEN_CONFIG });
  assert.match((await cli(['setup', 'slack', '--secret-source', 'env'], dir)).stderr, /pass either --events or --tool with --config/);
  assert.match((await cli(['setup', 'slack', '--tool', 'evo2', '--config', 'ws/demo/config.yaml', '--secret-source', 'env'], dir)).stderr, /unsupported tool/);
  const policy = await cli(['setup', 'resolve-events', '--tool', 'densegen', '--config', 'ws/demo/config.yaml', '--print-policy'], dir);
  assert.equal(policy.stdout, 'densegen\n');
  const setup = await cli(['setup', 'slack', '--tool', 'densegen', '--config', 'ws/demo/config.yaml', '--secret-source', 'env'], dir);
  assert.equal(setup.code, 0, setup.stderr);
  const profile = JSON.parse(await readFile(join(dir, 'ws/demo/outputs/notify/densegen/profile.json'), 'utf8')) as Record<string, any>;
  assert.equal(profile.policy, 'densegen');
  assert.deepEqual(profile.webhook, { ref: 'NOTIFY_WEBHOOK', source: 'env' });
});

// ---- cli/test_profile_smoke.py ----
same('cli/test_profile_smoke.py', 'setup, then doctor, then watch; the events file is created', async () => {
  const dir = await workspace({ 'ws/demo/config.yaml': DENSEGEN_CONFIG, 'secrets/hook': 'https://hooks.slack.com/services/T/B/x\n', 'ca.pem': 'x\n' });
  await (await import('node:fs/promises')).chmod(join(dir, 'secrets', 'hook'), 0o600);
  const r = await cli(['profile', 'smoke', '--profile', 'notify/profile.json', '--tool', 'densegen', '--config', 'ws/demo/config.yaml', '--policy', 'densegen', '--cursor', 'cursor', '--spool-dir', 'spool',
    '--secret-ref', `file://${join(dir, 'secrets', 'hook')}`, '--tls-ca-bundle', 'ca.pem'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith('Profile written: '), 'setup first');
  assert.ok(r.stdout.endsWith('Profile wiring OK.\n'), 'then doctor (the watch of the new, empty file prints nothing)');
  assert.equal((await (await import('node:fs/promises')).stat(join(dir, 'usr/densegen/demo_tfbs/.events.log'))).size, 0);
});

// ---- cli/test_send.py ----
same('cli/test_send.py', 'send --dry-run with https and no CA bundle prints run_id and status; without --dry-run it needs a bundle', async () => {
  const dir = await workspace();
  const dry = await cli(['usr-events', 'send', '--status', 'success', '--tool', 'densegen', '--run-id', 'r1', '--provider', 'generic', '--url', 'https://example.org/hook', '--dry-run'], dir);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /"run_id": "r1"/);
  assert.match(dry.stdout, /"status": "success"/);
  const live = await cli(['usr-events', 'send', '--status', 'success', '--tool', 'densegen', '--run-id', 'r1', '--provider', 'generic', '--url', 'https://example.org/hook'], dir);
  assert.match(live.stderr, /requires an explicit CA bundle/);
});

// ---- cli/test_resolve_module.py ----
same('cli/test_resolve_module.py', 'a YAML events path is refused; a relative events path is taken from the profile directory', async () => {
  await assert.rejects(checkEventsFile('/w/config.yaml'), /USR \.events\.log[\s\S]*inspect run --usr-events-path/);
  assert.equal(validateProfile(validProfile({ events: 'usr/.events.log' }), '/p/profile.json').events, '/p/usr/.events.log');
});

// ---- cli/test_secret_ref_help.py ----
same('cli/test_secret_ref_help.py', 'the --help of send, watch and spool drain mention file:///path', async () => {
  const dir = await workspace();
  for (const args of [['usr-events', 'send', '--help'], ['watch', '--help'], ['spool', 'drain', '--help']]) assert.match((await cli(args, dir)).stdout, /file:\/\/\/path/, args.join(' '));
});

// ---- delivery/test_validation.py ----
same('delivery/test_validation.py', 'exactly one webhook source; env and secret refs; CA bundle rules; Slack host', async () => {
  assert.throws(() => pickWebhookSource({}, undefined), /exactly one of --url, --url-env, or --secret-ref/);
  assert.throws(() => pickWebhookSource({ url: 'http://a/b', urlEnv: 'X' }, undefined), /exactly one/);
  assert.throws(() => pickWebhookSource({ urlEnv: 'X', secretRef: 'env://Y' }, undefined), /exactly one/);
  assert.equal(await resolveWebhookUrl({ urlEnv: 'HOOK' }, { HOOK: 'http://127.0.0.1/x' }), 'http://127.0.0.1/x');
  assert.equal(await resolveWebhookUrl({ secretRef: 'env://HOOK' }, { HOOK: 'http://127.0.0.1/y' }), 'http://127.0.0.1/y');
  await assert.rejects(resolveCaBundle('https://example.org/x', [], {}), /requires an explicit CA bundle/);
  await assert.rejects(resolveCaBundle('https://example.org/x', ['/nonexistent/ca.pem'], {}), /CA bundle file not found/);
  assert.equal(await resolveCaBundle('http://example.org/x', [], {}), undefined);
  assert.equal(providerUrlProblem('slack', 'https://hooks.slack.com/services/T/B/x'), undefined);
  assert.match(providerUrlProblem('slack', 'https://example.org/x')!, /slack provider requires webhook host/);
});

// ---- delivery/test_secrets.py ----
same('delivery/test_secrets.py', 'a file secret round-trips; file://relative is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'herald-secret-'));
  const ref = `file://${join(dir, 'hook')}`;
  await storeSecretRef(ref, 'https://hooks.slack.com/services/T/B/x');
  assert.equal(await resolveSecretRef(ref, {}), 'https://hooks.slack.com/services/T/B/x');
  assert.throws(() => parseSecretRef('file://relative/path'), /must not include a host/);
});
differ('delivery/test_secrets.py', 'secretservice/keychain availability probes (DBUS, secret-tool exit 1, security exit 44, keyring)', 'Herald has no Python keyring; its keychain/secretservice backends call the OS tools directly, so the probe rules for the keyring library do not apply (docs/usr-watch.md)');

// ---- delivery/test_payload.py ----
same('delivery/test_payload.py', 'status, tool, run_id, ISO timestamp, meta {} and no host/cwd; host and cwd when asked', async () => {
  const plain = await dryRun(usrLine({ action: 'init' }));
  const payload = plain.payloads[0]!;
  assert.deepEqual(['run_id', 'status', 'timestamp', 'tool'].every((k) => k in payload), true);
  assert.match(payload.timestamp, /^\d{4}-\d{2}-\d{2}T/);
  assert.ok(!('host' in payload) && !('cwd' in payload));
  const withContext = await dryRun(usrLine({ action: 'init' }), { include: { includeArgs: false, includeContext: true, includeRawEvent: false } });
  assert.ok('host' in withContext.payloads[0]! && 'cwd' in withContext.payloads[0]!);
});

// ---- providers/test_providers.py ----
same('providers/test_providers.py', 'generic unchanged; slack text + a section block with *FAILURE*; discord content', () => {
  const payload: UsrPayload = { status: 'failure', tool: 'densegen', run_id: 'r1', timestamp: '2026-01-01T00:00:00Z', meta: {}, message: 'boom' };
  assert.deepEqual(formatUsrPayload('generic', payload), payload);
  const slack = formatUsrPayload('slack', payload) as { text: string; blocks: { type: string; text: { text: string } }[] };
  assert.equal(typeof slack.text, 'string');
  assert.equal(slack.blocks[0]!.type, 'section');
  assert.match(slack.blocks[0]!.text.text, /\*FAILURE\*/);
  assert.ok('content' in formatUsrPayload('discord', payload));
});

// ---- events/test_transforms.py ----
same('events/test_transforms.py', 'statuses, the generic message, the version check', async () => {
  assert.deepEqual(['densegen_flush_failed', 'init', 'materialize'].map(genericStatus), ['failure', 'started', 'running']);
  const { payloads } = await dryRun(usrLine({ action: 'materialize', dataset: { name: 'demo', root: '/r' }, metrics: { rows_written: 12 } }));
  assert.equal(payloads[0]!.message, 'materialize on demo (rows_written=12)');
  assert.throws(() => validateRecord({ event_version: 2, action: 'x', actor: { tool: 't', run_id: 'r' }, dataset: {} }, { allowUnknownVersion: false, expectedVersion: 1 }), /unknown event_version=2; expected 1/);
});

// ---- events/test_source.py (tool resolvers) ----
same('events/test_source.py', 'densegen resolves its events from the output.usr config', async () => {
  const dir = await workspace({ 'ws/demo/config.yaml': DENSEGEN_CONFIG });
  const r = await cli(['setup', 'resolve-events', '--tool', 'densegen', '--config', 'ws/demo/config.yaml'], dir);
  assert.equal(r.stdout, join(dir, 'usr', 'densegen', 'demo_tfbs', '.events.log') + '\n');
});
differ('events/test_source.py', 'a custom tool resolver can be registered; a duplicate alias is rejected', 'a Python registration API; Herald\'s resolvers (construct, densegen, infer) are built in');

// ---- profiles/test_schema_module.py ----
same('profiles/test_schema_module.py', 'a valid v2 profile loads; unknown policy; heartbeat must be positive', () => {
  assert.equal(validateProfile(validProfile(), '/p/profile.json').provider, 'generic');
  assert.match(profileError(validProfile({ policy: 'bogus' })), /profile field 'policy' must be one of/);
  assert.match(profileError(validProfile({ progress_heartbeat_seconds: 0 })), /progress_heartbeat_seconds/);
  assert.equal(validateProfile(validProfile({ progress_heartbeat_seconds: 60 }), '/p/profile.json').progressHeartbeatSeconds, 60);
});

// ---- profiles/test_flows_module.py ----
same('profiles/test_flows_module.py', 'the setup profile path is anchored at the config directory, in the tool namespace', async () => {
  const dir = await workspace({ 'ws/demo/config.yaml': DENSEGEN_CONFIG });
  const r = await cli(['setup', 'slack', '--tool', 'densegen', '--config', 'ws/demo/config.yaml', '--secret-source', 'env'], dir);
  assert.match(r.stdout, new RegExp(`Profile written: ${join(dir, 'ws/demo/outputs/notify/densegen/profile.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
});

// ---- profiles/test_workflow_policy_module.py ----
same('profiles/test_workflow_policy_module.py', 'known policies and their defaults; infer_evo2 is not a policy', () => {
  assert.deepEqual(Object.keys(POLICY_DEFAULTS).sort(), ['construct', 'densegen', 'generic', 'infer']);
  assert.match(profileError(validProfile({ policy: 'infer_evo2' })), /must be one of/);
});

// ---- profiles/test_workspace_source.py ----
same('profiles/test_workspace_source.py', 'workspaces are listed sorted; a path-like name is refused; a missing one lists the available', async () => {
  const dir = await workspace({ 'ws/b/config.yaml': DENSEGEN_CONFIG, 'ws/a/config.yaml': DENSEGEN_CONFIG });
  const env = { DENSEGEN_WORKSPACE_ROOT: join(dir, 'ws') };
  assert.deepEqual(listWorkspaces('densegen', dir, env), ['a', 'b']);
  assert.throws(() => resolveWorkspace('densegen', '../a', dir, env), /workspace must be a workspace name/);
  assert.throws(() => resolveWorkspace('densegen', 'nope', dir, env), /Available workspaces: a, b/);
});

// ---- tool_events/test_tool_events.py ----
same('tool_events/test_tool_events.py', 'DenseGen status overrides, the bundle-progress ETA and the exact flush-failed message', async () => {
  const completed = await dryRun(densegenHealth('completed', '2026-08-21T14:10:31.000000Z', DONE));
  assert.equal(completed.payloads.at(-1)!.status, 'success');
  const failed = await dryRun(densegenHealth('failed', '2026-08-21T14:10:31.000000Z', DONE, { error: 'solver crashed' }));
  assert.equal(failed.payloads.at(-1)!.status, 'failure');
  assert.match(failed.payloads.at(-1)!.message, /^DenseGen failed/);
  const bundle = await dryRun(usrLine({ action: 'infer_feature_bundle_progress', actor: { tool: 'infer', run_id: 'j' }, args: { job_id: 'j1', progress_pct: 50, contexts_completed: 50, contexts_total: 100, run_elapsed_seconds: 1800 } }));
  assert.match(bundle.payloads[0]!.message, /^Infer feature bundle 50\.0% [\s\S]*\n- ETA: 00:30:00\n/);
  const flush = await dryRun(usrLine({ action: 'densegen_flush_failed', args: { error: 'disk full' }, metrics: { orphan_artifacts: 2 } }));
  assert.match(flush.payloads[0]!.message, /error=disk full/);
  assert.match(flush.payloads[0]!.message, /orphan_artifacts=2/);
});

// ---- tool_events/test_registry.py ----
same('tool_events/test_registry.py', 'the densegen and infer packs are there', () => {
  for (const action of ['densegen_health', 'densegen_flush_failed', 'attach', 'write_overlay_part', 'materialize']) assert.ok(handlerFor(action), action);
});
differ('tool_events/test_registry.py', 'custom handlers and packs can be registered; duplicates rejected', 'a Python registration API; Herald\'s packs are built in');

// ---- hpc/test_watch_qsub.py, hpc/test_local_smoke_harness.py ----
differ('hpc/test_watch_qsub.py', 'the notify-watch.qsub script calls watch/resolve-events/send with its flags', 'the SGE script is dnadesign\'s; Herald documents its own job lines (docs/batch.md) and keeps the CLI flags the script uses');
differ('hpc/test_local_smoke_harness.py', 'notify-watch-local-smoke.sh against a local capture', 'a dnadesign shell harness; test/usr/profile-commands.test.ts runs `herald profile smoke` end to end instead');

// ---- other test files ----
differ('docs/test_progressive_disclosure_contracts.py', 'the docs contain or leave out given phrases', 'Herald writes its own docs; dnadesign\'s wording is not ported');
differ('package/*, layout and import tests', 'Python module layout and import hygiene', 'structural: Herald keeps its own import rules (test/architecture/imports.test.ts)');

test('the compatibility figure in the README is this file\'s count', async () => {
  const total = reproduced.length + differs.length + pendingCases.length;
  const figure = `${reproduced.length} of ${total} dnadesign checklist cases reproduced`;
  console.log(`dnadesign: ${figure}; ${differs.length} differ on purpose; ${pendingCases.length} pending`);
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(figure), `README must state: "${figure}"`);
});
