// Runs the action's bundles the way the runner does: `node dist/action/main.js`, then post, under
// Node 24, with INPUT_* variables (defaults from action.yml, names upper-cased, dashes kept) and
// the runner's files for outputs, summary, state and env. Post receives main's saved state as
// STATE_<name> variables, read back from the GITHUB_STATE file.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { baseEnv, NODE24, ROOT, tempDir, type RunResult } from './cli.js';

export const ACTION_MAIN = join(ROOT, 'dist', 'action', 'main.js');
export const ACTION_POST = join(ROOT, 'dist', 'action', 'post.js');

export interface StepResult extends RunResult {
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  exportedEnv: Record<string, string>;
}

export interface JobOptions {
  cwd: string;
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  post?: boolean;
  /** Runner files (GITHUB_STATE, GITHUB_ENV…) that the variable names but that do not exist. */
  missingFiles?: string[];
}

export interface JobResult {
  main: StepResult;
  post?: StepResult;
  runnerTemp: string;
}

function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) if (spec.default !== undefined && !String(spec.default).includes('${{')) out[name] = String(spec.default);
  return out;
}

/** Parses the `name<<delimiter` blocks the toolkit writes to GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV. */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (m) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
      out[m[1]!] = value.join('\n');
    } else if (lines[i]!.includes('=')) {
      const eq = lines[i]!.indexOf('=');
      out[lines[i]!.slice(0, eq)] = lines[i]!.slice(eq + 1);
    }
  }
  return out;
}

export function assertBundlesBuilt(): void {
  if (!existsSync(ACTION_MAIN) || !existsSync(ACTION_POST)) throw new Error('dist/action/*.js missing: run `node scripts/build.mjs` before these tests');
}

async function runStep(script: string, env: Record<string, string | undefined>, cwd: string, dir: string, name: string, missing: string[] = []): Promise<StepResult> {
  const files = { GITHUB_OUTPUT: join(dir, `${name}-output`), GITHUB_STEP_SUMMARY: join(dir, `${name}-summary`), GITHUB_STATE: join(dir, `${name}-state`), GITHUB_ENV: join(dir, `${name}-env`) };
  for (const [variable, f] of Object.entries(files)) if (!missing.includes(variable)) await writeFile(f, '');
  const read = async (f: string) => (existsSync(f) ? readFile(f, 'utf8') : '');
  const result = await new Promise<RunResult>((resolve, reject) => {
    const child = spawn(NODE24, [script], { cwd, env: baseEnv({ ...env, ...files }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    ...result,
    outputs: parseCommandFile(await read(files.GITHUB_OUTPUT)),
    summary: await read(files.GITHUB_STEP_SUMMARY),
    state: parseCommandFile(await read(files.GITHUB_STATE)),
    exportedEnv: parseCommandFile(await read(files.GITHUB_ENV)),
  };
}

/** One job using the action: main, then (by default) post with main's saved state. */
export async function runActionJob(options: JobOptions): Promise<JobResult> {
  // Each job is a fresh runner: its own HOME and RUNNER_TEMP, placed (as on hosted runners) at the
  // same position relative to the workspace, since the cache's tar paths are workspace-relative.
  const runnerTemp = join(options.cwd, '.runner', 'temp');
  const home = join(options.cwd, '.runner', 'home');
  await mkdir(runnerTemp, { recursive: true });
  await mkdir(home, { recursive: true });
  const inputs = { ...actionDefaults(), ...(options.inputs ?? {}) };
  const env: Record<string, string | undefined> = { HOME: home, RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: options.cwd, GITHUB_ACTIONS: 'true', ...options.env };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const dir = await tempDir('herald-runner-files-');
  const main = await runStep(ACTION_MAIN, env, options.cwd, dir, 'main', options.missingFiles);
  if (options.post === false) return { main, runnerTemp };
  const stateEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(main.state)) stateEnv[`STATE_${k}`] = v;
  const post = await runStep(ACTION_POST, { ...env, ...stateEnv }, options.cwd, dir, 'post');
  return { main, post, runnerTemp };
}
