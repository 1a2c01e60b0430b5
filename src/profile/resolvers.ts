// Tool resolvers (reference §3.13): (tool, config) → events path and default policy, and the
// `--workspace NAME` search. Configs are read as YAML; only the keys the reference names are used.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseYamlTree } from '../core/yaml-tree.js';
import { ConfigError } from '../core/errors.js';
import { hasRegistry, parseSelector, projectForConfig, readRegistry, REGISTRY_FILE, selectorsFor, selectProject } from './construct-workspace.js';
import { normalizeTool } from './schema.js';

export const TOOLS = ['construct', 'densegen', 'infer'] as const;

export interface Resolved {
  tool: string;
  config: string;
  events: string;
  policy: string | null;
  /** construct: the job id, for the run id `construct-<id>`. */
  constructJobId?: string;
  /** construct: the workspace project the config is registered as, which namespaces the profile. */
  projectId?: string;
  workspaceRoot?: string;
}

function fail(message: string): never {
  throw new ConfigError(message);
}

export function checkTool(tool: string): string {
  const t = normalizeTool(tool);
  if (!(TOOLS as readonly string[]).includes(t)) fail(`unsupported tool '${tool.trim()}'. Supported values: ${TOOLS.join(', ')}`);
  return t;
}

function readYaml(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return fail(`config file not found: ${path}`);
  }
  // Syntax, tags and alias bombs are reported with the file and line, as for Herald's config.
  const data = parseYamlTree(text, path).root;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

const o = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function usrRoot(root: string, configDir: string): string {
  const abs = resolve(configDir, root);
  return existsSync(join(abs, '__init__.py')) ? join(abs, 'datasets') : abs;
}

function cleanDataset(dataset: unknown, tool: string): string {
  if (typeof dataset !== 'string' || !dataset.trim()) fail(`${tool} resolver requires a dataset name`);
  const d = dataset.trim().replace(/\\/g, '/');
  if (d.startsWith('/') || d.split('/').some((p) => p === '.' || p === '..')) fail(`${tool} dataset must be a relative dataset id: ${d}`);
  return d;
}

export function resolveTool(toolArg: string, configArg: string, cwd: string): Resolved {
  const tool = checkTool(toolArg);
  const config = resolve(cwd, configArg);
  const dir = dirname(config);
  const data = readYaml(config);
  if (tool === 'densegen') {
    const dg = o(data.densegen);
    const run = dg.run;
    if (!run || typeof run !== 'object') fail('densegen resolver requires densegen.run to be a mapping');
    const runRoot = o(run).root;
    if (typeof runRoot !== 'string' || !existsSync(resolve(dir, runRoot))) fail('densegen resolver requires densegen.run.root to resolve to an existing directory');
    const output = o(dg.output);
    if (!Array.isArray(output.targets) || !output.targets.includes('usr')) fail("densegen resolver requires densegen.output.targets to include 'usr'");
    const usr = output.usr;
    if (!usr || typeof usr !== 'object') fail('densegen resolver requires densegen.output.usr to be a mapping');
    const root = o(usr).root;
    if (typeof root !== 'string') fail('densegen resolver requires densegen.output.usr.root');
    return { tool, config, events: join(usrRoot(root, dir), cleanDataset(o(usr).dataset, 'densegen'), '.events.log'), policy: 'densegen' };
  }
  if (tool === 'infer') {
    const jobs = Array.isArray(o(data.infer).jobs) ? (o(data.infer).jobs as unknown[]) : Array.isArray(data.jobs) ? (data.jobs as unknown[]) : [];
    const pairs = new Map<string, [string, string]>();
    for (const job of jobs.map(o)) {
      if (o(job.ingest).source === 'usr' && o(job.io).write_back) {
        const root = o(job.ingest).root;
        if (typeof root !== 'string' || !root) fail("infer resolver requires ingest.root for source='usr' write-back jobs");
        const ds = cleanDataset(o(job.ingest).dataset, 'infer');
        pairs.set(`${root}\u0000${ds}`, [root, ds]);
      }
    }
    if (pairs.size > 1) fail(`infer resolver found multiple USR destinations in config: ${[...pairs.values()].map(([r, d]) => `${r}/${d}`).join(', ')}. Pass --events explicitly to select one stream.`);
    if (pairs.size === 0) {
      for (const job of jobs.map(o)) {
        const inputs = o(job.feature_bundle).sequence_view_inputs;
        for (const input of Array.isArray(inputs) ? inputs.map(o) : []) {
          if (typeof input.root === 'string') pairs.set(`${input.root}\u0000${String(input.dataset)}`, [input.root, cleanDataset(input.dataset, 'infer')]);
        }
      }
      if (pairs.size > 1) fail(`infer resolver found multiple sequence-view event sources in config: ${[...pairs.values()].map(([r, d]) => `${r}/${d}`).join(', ')}. Pass --events explicitly to select one stream.`);
    }
    if (pairs.size === 0) fail("infer resolver requires at least one job with ingest.source='usr' and io.write_back=true or exactly one feature_bundle.sequence_view_inputs dataset; none found in " + config);
    const [root, ds] = [...pairs.values()][0]!;
    return { tool, config, events: join(usrRoot(root, dir), ds, '.events.log'), policy: 'infer' };
  }
  const job = o(data.job);
  const target = o(o(job.output).target);
  const root = (target.root ?? o(o(job.input).source).root) as unknown;
  if (typeof root !== 'string' || !root) fail('construct resolver requires job.input.source.root or job.output.target.root');
  return {
    tool,
    config,
    events: join(usrRoot(root, dir), cleanDataset(target.dataset, 'construct'), '.events.log'),
    policy: 'construct',
    constructJobId: typeof job.id === 'string' ? job.id : undefined,
    ...projectForConfig(config),
  };
}

function repoRoot(cwd: string, env: Record<string, string | undefined>): string | undefined {
  if (env.DNADESIGN_REPO_ROOT) return existsSync(env.DNADESIGN_REPO_ROOT) ? resolve(env.DNADESIGN_REPO_ROOT) : undefined;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pyproject.toml')) || existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function marker(tool: string): string {
  return tool === 'construct' ? REGISTRY_FILE : 'config.yaml';
}

export function searchRoots(tool: string, cwd: string, env: Record<string, string | undefined>): string[] {
  const roots: string[] = [];
  const envRoot = env[`${tool.toUpperCase()}_WORKSPACE_ROOT`];
  if (envRoot) roots.push(resolve(cwd, envRoot));
  if (tool === 'infer') roots.push(basename(cwd) === 'workspaces' ? cwd : join(cwd, 'workspaces'));
  else roots.push(cwd);
  const repo = repoRoot(cwd, env);
  if (repo) roots.push(join(repo, 'src', 'dnadesign', tool, 'workspaces'));
  return roots;
}

export function listWorkspaces(toolArg: string, cwd: string, env: Record<string, string | undefined>): string[] {
  const tool = checkTool(toolArg);
  const names = new Set<string>();
  const selectors = new Set<string>();
  for (const root of searchRoots(tool, cwd, env)) {
    let entries: string[] = [];
    try {
      entries = readdirSync(root);
    } catch {
      continue;
    }
    for (const name of entries) {
      try {
        if (names.has(name) || !statSync(join(root, name)).isDirectory() || !existsSync(join(root, name, marker(tool)))) continue;
        names.add(name);
        // A construct workspace shadowed by one in an earlier root is never listed: it cannot be selected.
        for (const selector of tool === 'construct' ? selectorsFor(join(root, name)) : [name]) selectors.add(selector);
      } catch {
        /* unreadable entry */
      }
    }
  }
  return [...selectors].sort();
}

/** Construct: the first workspace directory holding a registry wins. The env root comes before the
 *  CWD being the workspace (dnadesign's test_workspace_source), unlike the other tools. */
function resolveConstructWorkspace(selector: string, cwd: string, env: Record<string, string | undefined>): string | undefined {
  const parsed = parseSelector(selector);
  const dirs = searchRoots('construct', cwd, env).map((root) => join(root, parsed.workspace));
  if (basename(cwd) === parsed.workspace) dirs.splice(env.CONSTRUCT_WORKSPACE_ROOT ? 1 : 0, 0, resolve(cwd));
  const dir = dirs.find(hasRegistry);
  return dir === undefined ? undefined : selectProject(readRegistry(join(dir, REGISTRY_FILE)), parsed).configPath;
}

/** A workspace name (construct: a `ws` or `ws:project` selector) → its job config path. */
export function resolveWorkspace(toolArg: string, name: string, cwd: string, env: Record<string, string | undefined>): string {
  const tool = checkTool(toolArg);
  const ws = name.trim();
  if (!ws) fail('--workspace must be a non-empty string');
  if (/[\\/]/.test(ws)) fail('workspace must be a workspace name (not a path); pass --config for explicit paths');
  const roots = searchRoots(tool, cwd, env);
  if (tool === 'construct') {
    const config = resolveConstructWorkspace(ws, cwd, env);
    if (config !== undefined) return config;
  } else {
    if (basename(cwd) === ws && existsSync(join(cwd, 'config.yaml'))) return join(cwd, 'config.yaml');
    for (const root of roots) {
      const candidate = join(root, ws, 'config.yaml');
      if (existsSync(candidate)) return candidate;
    }
  }
  const available = listWorkspaces(tool, cwd, env).slice(0, 12);
  return fail(`workspace '${ws}' not found for tool '${tool}' at ${roots[0] ?? cwd}. Available workspaces: ${available.join(', ') || '(none)'}`);
}

export const POLICY_DEFAULTS: Record<string, { only_actions?: string; only_tools?: string }> = {
  densegen: { only_actions: 'densegen_health,densegen_flush_failed,materialize', only_tools: 'densegen' },
  infer: { only_actions: 'attach,write_overlay_part,materialize,infer_feature_bundle_progress,infer_feature_bundle_complete', only_tools: 'infer' },
  construct: { only_actions: 'attach,materialize', only_tools: 'construct' },
  generic: {},
};

/** Default profile path for resolver mode (§2.4). */
export function defaultProfilePath(resolved: Resolved): string {
  const dir = dirname(resolved.config);
  if (resolved.tool === 'infer') {
    const m = /^config\.(.+)\.evo2_(\d+)b$/.exec(basename(resolved.config).replace(/\.ya?ml$/, ''));
    if (m) return join(dir, 'outputs', 'notify', 'infer', `${m[1]!.replace(/\./g, '_')}_${m[2]}b`, 'profile.json');
  }
  if (resolved.tool === 'construct' && resolved.projectId) return join(resolved.workspaceRoot ?? dir, 'outputs', 'notify', 'construct', resolved.projectId, 'profile.json');
  return join(dir, 'outputs', 'notify', resolved.tool, 'profile.json');
}
