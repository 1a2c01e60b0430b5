// Runs `herald <args>` inside this process through the CLI's entry function (src/cli/main.ts):
// the working folder, environment, stdin and both output streams are swapped for the run and
// put back after. Runs must not overlap (they share process state), and the test runner's own
// stdout must not be in use meanwhile — so this is for worker processes (test/corpus/worker.ts),
// not for a test file that reports through stdout while a run is going.
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { redirectOutput } from '../../src/core/std-output.js';
import { baseEnv, type RunResult } from './cli.js';

export interface InProcessOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
}

export async function runInProcess(args: string[], options: InProcessOptions): Promise<RunResult> {
  const saved = { cwd: process.cwd(), env: { ...process.env }, stdout: process.stdout.write, stderr: process.stderr.write, stdin: Object.getOwnPropertyDescriptor(process, 'stdin') };
  let stdout = '';
  let stderr = '';
  const capture = (append: (text: string) => void) =>
    function write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
  process.chdir(options.cwd);
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, baseEnv(options.env));
  process.stdout.write = capture((t) => (stdout += t)) as typeof process.stdout.write;
  process.stderr.write = capture((t) => (stderr += t)) as typeof process.stderr.write;
  // Most output goes to the descriptors (std-output.ts), the rest (watch) through the streams.
  const text = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  redirectOutput({ out: (chunk) => void (stdout += text(chunk)), err: (chunk) => void (stderr += text(chunk)) });
  Object.defineProperty(process, 'stdin', { configurable: true, get: () => Readable.from([Buffer.from(options.input ?? '')]) });
  process.exitCode = undefined;
  // Node prints a process warning as "(node) XWarning: … Use `node --trace-warnings`": show it as
  // the user would see it.
  const onWarning = (warning: Error) => void (stderr += `(node) ${warning.name}: ${warning.message}\n(Use \`node --trace-warnings ...\` to show where the warning was created)\n`);
  process.on('warning', onWarning);
  let code: number;
  try {
    code = await main(args);
  } catch (error) {
    // main() has its own boundary: anything that escapes it is a bug worth seeing in the output.
    stderr += `ESCAPED main(): ${(error as Error)?.stack ?? String(error)}\n`;
    code = 99;
  } finally {
    process.off('warning', onWarning);
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    redirectOutput(undefined);
    if (saved.stdin) Object.defineProperty(process, 'stdin', saved.stdin);
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved.env);
    process.chdir(saved.cwd);
    process.exitCode = undefined;
  }
  return { code, signal: null, stdout, stderr };
}
