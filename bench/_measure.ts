// What the benchmarks share: each side measured runs as its own process, timed from outside from
// spawn to exit (start-up included, as users run it), its peak RSS taken from the kernel's
// accounting through /usr/bin/time; the receiver runs in a third process; sides run interleaved
// and ratios are taken pair by pair, so a burst of load from something else on a shared machine
// moves one pair, not the median.
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { baseEnv } from '../test/support/cli.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = join(ROOT, 'bench');
const TIME = '/usr/bin/time';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function verdict(ok: boolean): string {
  return ok ? 'meets target' : 'MISSES target';
}

/** An integer from the environment, or the default. */
export function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** How many A/B pairs (rounds) each comparison runs: HERALD_BENCH_PAIRS, default 3. */
export function pairCount(fallback = 3): number {
  return envInt('HERALD_BENCH_PAIRS', fallback);
}

let cli: string | undefined;

/**
 * The CLI bundle to measure: HERALD_BENCH_CLI when set (e.g. a copy of a committed dist/), else
 * dist/cli/index.js rebuilt first when src/ is newer. When that build fails (src/ mid-edit) the
 * bundle already on disk is measured, and the bench says so.
 */
export function cliBundle(): string {
  if (cli) return cli;
  if (process.env.HERALD_BENCH_CLI) {
    cli = resolve(process.env.HERALD_BENCH_CLI);
    console.log(`  measuring the bundle HERALD_BENCH_CLI names: ${cli}`);
    return cli;
  }
  cli = join(ROOT, 'dist', 'cli', 'index.js');
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-stale.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    if (!existsSync(cli)) throw error;
    const reason = String((error as { stderr?: Buffer }).stderr ?? error).split('\n').find((l) => /error/i.test(l)) ?? 'build failed';
    console.log(`  WARNING: dist/ could not be rebuilt from src/ (${reason.trim().slice(0, 160)}); measuring the bundle already in dist/`);
  }
  return cli;
}

export interface ProcessRun {
  wallMs: number;
  /** Peak resident set of the process in KiB, when /usr/bin/time is installed. */
  peakRssKb?: number;
  /** What it printed on stdout; '' with `discardStdout` (then only `stdoutBytes` is counted). */
  stdout: string;
  stdoutBytes: number;
  stderr: string;
}

/** Runs `node …args` to its exit; rejects on a non-zero exit. Output is read through a pipe, not echoed. */
export async function runNode(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; discardStdout?: boolean } = {}): Promise<ProcessRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'herald-bench-time-'));
  const rssFile = join(scratch, 'rss');
  const timed = existsSync(TIME);
  const [command, argv] = timed ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]] : [process.execPath, args];
  try {
    const run = await new Promise<Omit<ProcessRun, 'peakRssKb'>>((resolvePromise, reject) => {
      const started = process.hrtime.bigint();
      const child = spawn(command, argv, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stdoutBytes = 0;
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdoutBytes += d.length;
        if (!options.discardStdout) stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        if (code !== 0) reject(new Error(`node ${args.join(' ')}: exit ${code ?? signal}\n${stderr.slice(-800)}`));
        else resolvePromise({ wallMs, stdout, stdoutBytes, stderr });
      });
    });
    const rss = timed ? Number((await readFile(rssFile, 'utf8')).trim().split('\n').pop()) : NaN;
    return { ...run, peakRssKb: Number.isFinite(rss) ? rss : undefined };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Runs each side once per round, `rounds` times, starting each round one side later (A B, B A, …
 * for two sides), so neither side always runs first on a warm or a loaded machine. Returns the
 * results per side, in round order: results[side][round].
 */
export async function interleaved<T>(rounds: number, sides: (() => Promise<T>)[]): Promise<T[][]> {
  const results: T[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < sides.length; k++) {
      const side = (round + k) % sides.length;
      results[side]!.push(await sides[side]!());
    }
  }
  return results;
}

export interface ReceiverProcess {
  url: string;
  /** Zero the count; with `capturePath`, also record every body until the next reset or count. */
  reset(capturePath?: string): Promise<void>;
  /** Requests answered since the last reset (captured bodies are on disk once this resolves). */
  count(): Promise<number>;
  close(): Promise<void>;
}

/** bench/_receiver.mjs in its own process: 200 "ok" to every request on 127.0.0.1. */
export async function startReceiverProcess(): Promise<ReceiverProcess> {
  const child = fork(join(BENCH_DIR, '_receiver.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () =>
    new Promise<{ port?: number; count?: number }>((resolvePromise, reject) => {
      const onExit = (code: number | null) => reject(new Error(`receiver exited ${code}`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolvePromise(m as { port?: number; count?: number });
      });
    });
  const { port } = await next();
  return {
    url: `http://127.0.0.1:${port}`,
    async reset(capturePath) {
      const answer = next();
      child.send({ reset: true, capture: capturePath });
      await answer;
    },
    async count() {
      const answer = next();
      child.send({ count: true });
      return (await answer).count!;
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ close: true });
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** "1,234 (1,100 – 1,300)": a median with the spread of the runs behind it. */
export function spread(values: number[], digits = 0, unit = ''): string {
  const f = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${f(median(values))}${unit} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}

/** One side of a delivery benchmark: how long its process ran and what the receiver counted. */
export interface DeliverySide {
  wallMs: number;
  delivered: number;
  rate: number;
}

/** The bare baseline: `_bare-post.mjs` POSTs each captured body on one keep-alive undici Agent. */
export async function bareDeliveries(bodies: string, receiver: ReceiverProcess): Promise<DeliverySide> {
  await receiver.reset();
  const run = await runNode([join(BENCH_DIR, '_bare-post.mjs'), bodies, `${receiver.url}/hook`], { env: baseEnv() });
  const delivered = await receiver.count();
  return { wallMs: run.wallMs, delivered, rate: (delivered / run.wallMs) * 1000 };
}
