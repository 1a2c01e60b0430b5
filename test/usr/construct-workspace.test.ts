// Construct workspace selectors `ws` / `ws:project` (reference §2.4, §3.5, §3.11, §3.13 and the
// test_workspace_source / test_setup / watch lists): registry validation, project selection and
// its messages, listing, root precedence, the project profile namespace, and the construct run id.
// Every workspace is generated in a temp dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError } from '../../src/core/errors.js';
import { readRegistry } from '../../src/profile/construct-workspace.js';
import { defaultProfilePath, listWorkspaces, resolveTool, resolveWorkspace } from '../../src/profile/resolvers.js';
import { constructEventOwner } from '../../src/sources/usr-events/construct-scope.js';
import { runCli, tempDir } from '../support/cli.js';
import { usrLine } from '../support/usr-log.js';

const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCli(args, { cwd, env, source: true });

interface ProjectSpec {
  id: string;
  jobId: string;
  /** Workspace-relative config path; defaults to `config.<id>.yaml`. */
  path?: string;
}

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

function registryYaml(id: string, projects: ProjectSpec[]): string {
  const lines = ['workspace:', `  id: ${id}`, '  profile: blank', '  roots: { shared_usr_root: ../usr, workspace_usr_root: outputs/usr_datasets }'];
  lines.push(projects.length ? '  projects:' : '  projects: []');
  for (const p of projects) {
    lines.push(`    - id: ${p.id}`, '      artifacts:', '        config:', `          path: ${p.path ?? `config.${p.id}.yaml`}`, `          job_id: ${p.jobId}`);
    lines.push('      contract: { input_dataset: parts, output_dataset: shared }');
  }
  return lines.join('\n') + '\n';
}

/** A construct job config whose USR root is the workspace's outputs/usr_datasets, seen from the config's folder. */
function jobYaml(jobId: string, relPath: string): string {
  const up = '../'.repeat(relPath.split('/').length - 1);
  return `job:\n  id: ${jobId}\n  input:\n    source: { kind: usr, dataset: parts, root: ${up}outputs/usr_datasets }\n  output:\n    target: { kind: usr, dataset: shared, root: ${up}outputs/usr_datasets }\n`;
}

/** Writes `<root>/<name>/construct.workspace.yaml` and each project's config; returns the workspace dir. */
async function constructWorkspace(root: string, name: string, projects: ProjectSpec[]): Promise<string> {
  const dir = join(root, name);
  await put(join(dir, 'construct.workspace.yaml'), registryYaml(name, projects));
  for (const p of projects) {
    const rel = p.path ?? `config.${p.id}.yaml`;
    await put(join(dir, rel), jobYaml(p.jobId, rel));
  }
  return dir;
}

const TWO = [
  { id: 'slot_a', jobId: 'anchor_slot_a_1kb' },
  { id: 'slot_b', jobId: 'anchor_slot_b_1kb', path: 'configs/slot_b/config.yaml' },
];

function throwsConfig(fn: () => unknown, message: string | RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ConfigError, String(error));
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.describe(), message);
    return true;
  });
}

test('a ws:project selector resolves to that project config, its events and the construct policy', async () => {
  const root = await tempDir();
  const ws = await constructWorkspace(join(root, 'ws'), 'demo', TWO);
  const r = await cli(['setup', 'resolve-events', '--tool', 'construct', '--workspace', 'demo:slot_b', '--json'], root, { CONSTRUCT_WORKSPACE_ROOT: join(root, 'ws') });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    config: join(ws, 'configs', 'slot_b', 'config.yaml'),
    events: join(ws, 'outputs', 'usr_datasets', 'shared', '.events.log'),
    ok: true,
    policy: 'construct',
    tool: 'construct',
  });
  const plain = await cli(['setup', 'resolve-events', '--tool', 'construct', '--workspace', 'demo:slot_a', '--print-policy'], root, { CONSTRUCT_WORKSPACE_ROOT: join(root, 'ws') });
  assert.equal(plain.stdout, 'construct\n');
});

test('a workspace with a single project is selected by its name alone', async () => {
  const root = await tempDir();
  const ws = await constructWorkspace(root, 'single', [{ id: 'only', jobId: 'only_job', path: 'config.yaml' }]);
  assert.equal(resolveWorkspace('construct', 'single', root, {}), join(ws, 'config.yaml'));
  assert.equal(resolveWorkspace('construct', 'single:only', root, {}), join(ws, 'config.yaml'));
});

test('an ambiguous or unknown project fails with the available project ids (registry order)', async () => {
  const root = await tempDir();
  await constructWorkspace(root, 'demo', [TWO[1]!, TWO[0]!]);
  throwsConfig(() => resolveWorkspace('construct', 'demo', root, {}), "construct workspace 'demo' has multiple projects. Pass --workspace demo:<project-id> or --config explicitly. Available project ids: slot_b, slot_a");
  throwsConfig(() => resolveWorkspace('construct', 'demo:slot_c', root, {}), "construct workspace 'demo' does not define project 'slot_c'. Available project ids: slot_b, slot_a");
  throwsConfig(() => resolveWorkspace('construct', 'demo:', root, {}), "workspace selector project id cannot be empty after ':'");
  throwsConfig(() => resolveWorkspace('construct', ':slot_a', root, {}), 'workspace selector must start with a workspace name');
  throwsConfig(() => resolveWorkspace('construct', 'nope:slot_a', root, {}), /workspace 'nope:slot_a' not found for tool 'construct' at .*\. Available workspaces: demo:slot_a, demo:slot_b$/);
  const cliRun = await cli(['setup', 'resolve-events', '--tool', 'construct', '--workspace', 'demo'], root);
  assert.equal(cliRun.code, 2);
  assert.match(cliRun.stderr, /Available project ids: slot_b, slot_a\n$/);
  assert.doesNotMatch(cliRun.stderr, /\n\s+at /, 'no stack trace');
});

test('a selected project whose config file is missing says which file', async () => {
  const root = await tempDir();
  const ws = await constructWorkspace(root, 'demo', TWO);
  await writeFile(join(ws, 'construct.workspace.yaml'), registryYaml('demo', [...TWO, { id: 'slot_c', jobId: 'c', path: 'config.slot_c.yaml' }]));
  throwsConfig(() => resolveWorkspace('construct', 'demo:slot_c', root, {}), `construct workspace 'demo' project 'slot_c' config not found: ${join(ws, 'config.slot_c.yaml')}`);
});

test('list-workspaces shows ws or ws:project entries, sorted, and leaves out broken registries', async () => {
  const root = await tempDir();
  const wsRoot = join(root, 'ws');
  await constructWorkspace(wsRoot, 'demo', TWO);
  await constructWorkspace(wsRoot, 'alpha', [{ id: 'main', jobId: 'alpha_job' }]);
  await constructWorkspace(wsRoot, 'zeta', []);
  await put(join(wsRoot, 'broken', 'construct.workspace.yaml'), 'workspace:\n  id: broken\n');
  await put(join(wsRoot, 'bad_yaml', 'construct.workspace.yaml'), 'workspace: [unclosed\n');
  await put(join(wsRoot, 'plain', 'config.yaml'), 'job: {}\n');
  const env = { CONSTRUCT_WORKSPACE_ROOT: wsRoot };
  const expected = ['alpha', 'demo:slot_a', 'demo:slot_b', 'zeta'];
  assert.deepEqual(listWorkspaces('construct', root, env), expected);

  const text = await cli(['setup', 'list-workspaces', '--tool', 'construct'], root, env);
  assert.equal(text.stdout, expected.join('\n') + '\n');
  const json = await cli(['setup', 'list-workspaces', '--tool', 'Construct', '--json'], root, env);
  assert.deepEqual(JSON.parse(json.stdout), { ok: true, tool: 'Construct', workspaces: expected });
  // Selecting the broken one says what is wrong with it rather than "not found".
  const broken = await cli(['setup', 'resolve-events', '--tool', 'construct', '--workspace', 'broken'], root, env);
  assert.equal(broken.code, 2);
  assert.equal(broken.stderr, `herald: ${join(wsRoot, 'broken', 'construct.workspace.yaml')}: workspace.profile: must be a non-empty string\n`);
});

test('a malformed registry is a ConfigError naming the file and the key', async () => {
  const dir = await tempDir();
  const file = join(dir, 'construct.workspace.yaml');
  const cases: [string, RegExp][] = [
    ['- just a list\n', /: workspace: must be a mapping$/],
    ['workspace:\n  id: d\n  profile: blank\n  projects: {a: 1}\n', /: workspace\.projects: must be a list$/],
    ['workspace:\n  id: d\n  profile: blank\n  projects:\n    - id: a\n      artifacts: {config: {job_id: j}}\n', /: workspace\.projects\[0\]\.artifacts\.config\.path: must be a non-empty string$/],
    ['workspace:\n  id: d\n  profile: blank\n  projects:\n    - id: a\n      artifacts: {config: {path: /etc/c.yaml, job_id: j}}\n', /: workspace\.projects\[0\]\.artifacts\.config\.path: must be workspace-relative, not absolute$/],
    ['workspace:\n  id: d\n  profile: blank\n  projects:\n    - id: a\n      artifacts: {config: {path: ../c.yaml, job_id: j}}\n', /: workspace\.projects\[0\]\.artifacts\.config\.path: must stay inside the workspace directory: \.\.\/c\.yaml$/],
    ['workspace:\n  id: d\n  profile: blank\n  projects:\n    - id: a\n      artifacts: {config: {path: a.yaml, job_id: j}}\n    - id: a\n      artifacts: {config: {path: b.yaml, job_id: k}}\n', /: workspace\.projects\[1\]\.id: duplicate project id 'a'$/],
    ['workspace: [unclosed\n', /: invalid YAML in construct workspace registry: /],
  ];
  for (const [yaml, expected] of cases) {
    await writeFile(file, yaml);
    throwsConfig(() => readRegistry(file), new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${expected.source}`));
  }
});

test('CONSTRUCT_WORKSPACE_ROOT beats the current directory being the workspace', async () => {
  const root = await tempDir();
  const local = await constructWorkspace(root, 'demo_c', [{ id: 'slot_a', jobId: 'local_slot', path: 'config.yaml' }]);
  const external = await constructWorkspace(join(root, 'external'), 'demo_c', [{ id: 'slot_a', jobId: 'external_slot', path: 'config.yaml' }]);
  assert.equal(resolveWorkspace('construct', 'demo_c', local, {}), join(local, 'config.yaml'), 'without the env root the CWD workspace is used');
  assert.equal(resolveWorkspace('construct', 'demo_c', local, { CONSTRUCT_WORKSPACE_ROOT: join(root, 'external') }), join(external, 'config.yaml'));
  assert.equal(resolveWorkspace('construct', 'demo_c:slot_a', root, { CONSTRUCT_WORKSPACE_ROOT: join(root, 'external') }), join(external, 'config.yaml'));
});

test('the profile of a workspace project lives under outputs/notify/construct/<project>, for --workspace and --config alike', async () => {
  const root = await tempDir();
  const ws = await constructWorkspace(join(root, 'ws'), 'demo', TWO);
  const env = { CONSTRUCT_WORKSPACE_ROOT: join(root, 'ws') };
  const r = await cli(['setup', 'slack', '--tool', 'construct', '--workspace', 'demo:slot_b', '--secret-source', 'env', '--url-env', 'LAB_HOOK', '--json'], root, env);
  assert.equal(r.code, 0, r.stderr);
  const profilePath = join(ws, 'outputs', 'notify', 'construct', 'slot_b', 'profile.json');
  assert.equal((JSON.parse(r.stdout) as { profile: string }).profile, profilePath);
  const profile = JSON.parse(await readFile(profilePath, 'utf8')) as Record<string, unknown>;
  assert.deepEqual([profile.policy, profile.only_actions, profile.only_tools], ['construct', 'attach,materialize', 'construct']);
  assert.deepEqual(profile.events_source, { config: join(ws, 'configs', 'slot_b', 'config.yaml'), tool: 'construct' });
  assert.equal(profile.cursor, join(dirname(profilePath), 'cursor'));
  assert.equal(profile.events, join(ws, 'outputs', 'usr_datasets', 'shared', '.events.log'));

  // A nested config given with --config is anchored at its workspace root, not its own folder.
  const nested = resolveTool('construct', join(ws, 'configs', 'slot_b', 'config.yaml'), root);
  assert.deepEqual([nested.projectId, nested.workspaceRoot], ['slot_b', ws]);
  assert.equal(defaultProfilePath(nested), profilePath);
  // A config no registry lists keeps the plain namespace next to the config.
  await put(join(root, 'loose', 'config.yaml'), jobYaml('loose_job', 'config.yaml'));
  const loose = resolveTool('construct', join(root, 'loose', 'config.yaml'), root);
  assert.equal(loose.projectId, undefined);
  assert.equal(defaultProfilePath(loose), join(root, 'loose', 'outputs', 'notify', 'construct', 'profile.json'));
});

test('a dry-run watch of ws:project uses the project profile and reports construct-<job.id>', async () => {
  const root = await tempDir();
  const ws = await constructWorkspace(join(root, 'ws'), 'demo', TWO);
  const env = { CONSTRUCT_WORKSPACE_ROOT: join(root, 'ws') };
  const actor = (runId: string) => ({ tool: 'construct', run_id: runId, host: 'scc-xa1', pid: 7 });
  const dataset = { name: 'shared', root: join(ws, 'outputs', 'usr_datasets') };
  await put(join(ws, 'outputs', 'usr_datasets', 'shared', '.events.log'), usrLine({ action: 'attach', dataset, actor: actor('construct-anchor_slot_b_1kb') }) + usrLine({ action: 'materialize', dataset, actor: actor('construct-anchor_slot_a_1kb') }));

  const missing = await cli(['watch', '--tool', 'construct', '--workspace', 'demo:slot_a', '--dry-run'], root, env);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, new RegExp(`profile not found for tool 'construct' at ${join(ws, 'outputs', 'notify', 'construct', 'slot_a', 'profile.json')}\\. Run \`uv run notify setup slack --tool construct --workspace demo:slot_a\` once\\.`));

  const setup = await cli(['setup', 'slack', '--tool', 'construct', '--workspace', 'demo:slot_a', '--secret-source', 'env', '--url-env', 'LAB_HOOK'], root, env);
  assert.equal(setup.code, 0, setup.stderr);
  const r = await cli(['watch', '--tool', 'construct', '--workspace', 'demo:slot_a', '--dry-run'], root, env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /construct\/construct-anchor_slot_a_1kb/);
  assert.match(r.stdout, /materialize on shared/);
  assert.doesNotMatch(r.stdout, /anchor_slot_b_1kb/, "the other project's run id never appears");
});

test('construct events are told apart by the run id construct stamps on them (§10 #5)', () => {
  const selected = 'construct-anchor_slot_a_1kb';
  assert.equal(constructEventOwner({ tool: 'construct', run_id: selected }, selected), 'selected');
  assert.equal(constructEventOwner({ tool: 'construct', run_id: 'construct-anchor_slot_b_1kb' }, selected), 'other-project');
  assert.equal(constructEventOwner({ tool: 'construct', run_id: '4412907.0' }, selected), 'unattributed', 'USR_ACTOR_RUN_ID names no construct job');
  assert.equal(constructEventOwner({ tool: 'construct' }, selected), 'unattributed');
});

test("another project's events on a shared dataset are filtered, not relabelled (§10 #5)", async () => {
  const root = await tempDir();
  const ws = await constructWorkspace(join(root, 'ws'), 'demo', TWO);
  const env = { CONSTRUCT_WORKSPACE_ROOT: join(root, 'ws') };
  const dataset = { name: 'shared', root: join(ws, 'outputs', 'usr_datasets') };
  const actor = (runId: string) => ({ tool: 'construct', run_id: runId, host: 'h', pid: 1 });
  await put(join(ws, 'outputs', 'usr_datasets', 'shared', '.events.log'), usrLine({ action: 'attach', dataset, actor: actor('construct-anchor_slot_b_1kb') }) + usrLine({ action: 'materialize', dataset, actor: actor('construct-anchor_slot_a_1kb') }));
  await cli(['setup', 'slack', '--tool', 'construct', '--workspace', 'demo:slot_a', '--secret-source', 'env', '--url-env', 'LAB_HOOK'], root, env);
  const r = await cli(['watch', '--tool', 'construct', '--workspace', 'demo:slot_a', '--dry-run'], root, env);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /attach on shared/);
  assert.equal(r.stdout.trim().split('\n').length, 1);
});
