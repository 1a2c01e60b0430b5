// Construct workspace registries (`construct.workspace.yaml`) and the notify selector grammar
// `ws` / `ws:project` (reference §3.5, §3.13). The registry format is Construct's
// (dnadesign construct docs/reference/workspace-registry.md); the selector rules and messages
// follow dnadesign's `construct` interface contracts so scripts that match on them keep working.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseYamlTree } from '../core/yaml-tree.js';
import { ConfigError } from '../core/errors.js';

export const REGISTRY_FILE = 'construct.workspace.yaml';

export interface ConstructProject {
  id: string;
  /** Absolute path of the project's job config (`artifacts.config.path`, workspace-relative). */
  configPath: string;
  /** `artifacts.config.job_id`: the job.id the config is expected to carry. */
  jobId: string;
}

export interface ConstructRegistry {
  file: string;
  workspaceDir: string;
  projects: ConstructProject[];
}

export interface ConstructSelector {
  workspace: string;
  project?: string;
}

type Mapping = Record<string, unknown>;

const isMapping = (v: unknown): v is Mapping => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** Reads and validates a registry. Keys Construct itself requires are required here too, so a
 *  registry Construct would refuse is not half-used by Herald; `contract` is left to Construct. */
export function readRegistry(file: string): ConstructRegistry {
  const bad = (keyPath: string, message: string): never => {
    throw new ConfigError(message, { file, keyPath });
  };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(missing ? `construct workspace registry not found: ${file}` : `construct workspace registry could not be read: ${file}`, { file });
  }
  let data: unknown;
  try {
    data = parseYamlTree(text, file).root ?? {};
  } catch (error) {
    throw new ConfigError(`invalid YAML in construct workspace registry: ${(error as Error).message.split('\n')[0]!.replace(/^invalid YAML: /, '')}`, { file });
  }
  const nonEmpty = (v: unknown, keyPath: string): string => (typeof v === 'string' && v.trim() ? v.trim() : bad(keyPath, 'must be a non-empty string'));
  const map = (v: unknown, keyPath: string): Mapping => (isMapping(v) ? v : bad(keyPath, 'must be a mapping'));

  const workspaceDir = dirname(file);
  const workspace = map(isMapping(data) ? data.workspace : undefined, 'workspace');
  nonEmpty(workspace.id, 'workspace.id');
  nonEmpty(workspace.profile, 'workspace.profile');
  const rawProjects = workspace.projects ?? [];
  if (!Array.isArray(rawProjects)) bad('workspace.projects', 'must be a list');
  const projects: ConstructProject[] = [];
  (rawProjects as unknown[]).forEach((raw, i) => {
    const at = `workspace.projects[${i}]`;
    const project = map(raw, at);
    const id = nonEmpty(project.id, `${at}.id`);
    const config = map(map(project.artifacts, `${at}.artifacts`).config, `${at}.artifacts.config`);
    const path = nonEmpty(config.path, `${at}.artifacts.config.path`);
    const jobId = nonEmpty(config.job_id, `${at}.artifacts.config.job_id`);
    if (isAbsolute(path)) bad(`${at}.artifacts.config.path`, 'must be workspace-relative, not absolute');
    const configPath = resolve(workspaceDir, path);
    const inside = relative(workspaceDir, configPath);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`)) bad(`${at}.artifacts.config.path`, `must stay inside the workspace directory: ${path}`);
    if (projects.some((p) => p.id === id)) bad(`${at}.id`, `duplicate project id '${id}'`);
    if (projects.some((p) => p.configPath === configPath)) bad(`${at}.artifacts.config.path`, `duplicate project config '${path}'`);
    projects.push({ id, configPath, jobId });
  });
  return { file, workspaceDir, projects };
}

export function hasRegistry(workspaceDir: string): boolean {
  try {
    return statSync(join(workspaceDir, REGISTRY_FILE)).isFile();
  } catch {
    return false;
  }
}

/** `ws` or `ws:project`; the first ':' separates them, as in dnadesign. */
export function parseSelector(selector: string): ConstructSelector {
  const raw = selector.trim();
  const colon = raw.indexOf(':');
  const workspace = (colon < 0 ? raw : raw.slice(0, colon)).trim();
  if (!workspace) throw new ConfigError('workspace selector must start with a workspace name');
  if (colon < 0) return { workspace };
  const project = raw.slice(colon + 1).trim();
  if (!project) throw new ConfigError("workspace selector project id cannot be empty after ':'");
  return { workspace, project };
}

/** The selected project: the named one, or the only one when no project is named. */
export function selectProject(registry: ConstructRegistry, selector: ConstructSelector): ConstructProject {
  const ws = selector.workspace;
  const ids = registry.projects.map((p) => p.id);
  if (!ids.length) throw new ConfigError(`construct workspace '${ws}' has no projects in ${registry.file}`, { file: registry.file, keyPath: 'workspace.projects' });
  if (selector.project === undefined && ids.length > 1) {
    throw new ConfigError(`construct workspace '${ws}' has multiple projects. Pass --workspace ${ws}:<project-id> or --config explicitly. Available project ids: ${ids.join(', ')}`);
  }
  const project = selector.project === undefined ? registry.projects[0]! : registry.projects.find((p) => p.id === selector.project);
  if (!project) throw new ConfigError(`construct workspace '${ws}' does not define project '${selector.project}'. Available project ids: ${ids.join(', ')}`);
  if (!existsSync(project.configPath)) throw new ConfigError(`construct workspace '${ws}' project '${project.id}' config not found: ${project.configPath}`);
  if (!statSync(project.configPath).isFile()) throw new ConfigError(`construct workspace '${ws}' project '${project.id}' config is not a file: ${project.configPath}`);
  return project;
}

/** Selectors a listing shows for one workspace: `ws` when it has at most one project, otherwise
 *  one `ws:project` per project; none when the registry is broken (so a listing never offers a
 *  selector that cannot resolve for that reason). */
export function selectorsFor(workspaceDir: string): string[] {
  let registry: ConstructRegistry;
  try {
    registry = readRegistry(join(workspaceDir, REGISTRY_FILE));
  } catch (error) {
    if (error instanceof ConfigError) return [];
    throw error;
  }
  const name = basename(workspaceDir);
  return registry.projects.length <= 1 ? [name] : registry.projects.map((p) => `${name}:${p.id}`);
}

/** The workspace project a job config belongs to, found by walking up from the config to the
 *  nearest registry that lists it (a config may sit in a nested folder of its workspace). This is
 *  what namespaces the default profile (§2.4), whether the config came from --config or a selector. */
export function projectForConfig(configPath: string): { workspaceRoot: string; projectId: string } | undefined {
  const config = resolve(configPath);
  for (let dir = dirname(config); ; dir = dirname(dir)) {
    const file = join(dir, REGISTRY_FILE);
    if (existsSync(file)) {
      if (!hasRegistry(dir)) throw new ConfigError(`construct workspace registry is not a file: ${file}`, { file });
      // readRegistry refuses two projects with one config, so at most one matches.
      const match = readRegistry(file).projects.find((p) => p.configPath === config);
      if (match) return { workspaceRoot: dir, projectId: match.id };
    }
    if (dirname(dir) === dir) return undefined;
  }
}
