// Small helpers shared by the benchmarks.
import { spawnSync } from 'node:child_process';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time of a command, median of `runs` runs after one warm-up, in ms. */
export function wallTimeMs(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; runs?: number } = {}): number {
  const times: number[] = [];
  const runs = options.runs ?? 15;
  for (let i = 0; i <= runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
    if (i > 0) times.push(ms);
  }
  return median(times);
}

export function verdict(ok: boolean): string {
  return ok ? 'meets target' : 'MISSES target';
}
