// Runs Herald the way users do: the bundled dist/cli/index.js as a subprocess (or the TypeScript
// entry through tsx for quick loops), in a temp working directory.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'index.js');
// Resolved here, not from the child's cwd (a temp dir with no node_modules).
export const TSX_LOADER = import.meta.resolve('tsx');
export const NODE24 = join(ROOT, 'node_modules', 'node', 'bin', 'node');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** Run src/cli/index.ts through tsx instead of the bundle. */
  source?: boolean;
  node?: string;
  timeoutMs?: number;
}

/** A clean environment: no proxies or CI variables leaking in from the machine running the tests. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function runCli(args: string[], options: RunOptions): Promise<RunResult> {
  const node = options.node ?? process.execPath;
  const argv = options.source ? ['--import', TSX_LOADER, join(ROOT, 'src', 'cli', 'index.ts'), ...args] : [CLI_BUNDLE, ...args];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(node, argv, { cwd: options.cwd, env: baseEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export async function tempDir(prefix = 'herald-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes files (path → content) under a fresh temp dir and returns it. */
export async function workspace(files: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir();
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

export function jsonLines(text: string): Record<string, unknown>[] {
  return text.split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}
