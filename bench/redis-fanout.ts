// Many concurrent batch jobs, one dedup window: 8 `herald send` processes each dispatch the same
// 500 events (--payload-file JSONL) to one webhook sink on a loopback receiver, sharing state
// through Redis, then through a `dir` backend on local disk. Reported per backend:
//   events/s     distinct events delivered ÷ wall time (first spawn → last exit, startup included)
//   duplicates   receiver arrivals beyond one per event (must be 0)
//   p99 dispatch the 99th percentile of per-event dispatch time, defined as the gap between
//                consecutive `--json` outcome lines of one process, timestamped as the bench reads
//                them: dedup claim + render + delivery + confirm (+ audit) for one event, or the
//                claim alone when another process already delivered it. The first line of each
//                process is left out (it includes start-up).
import { ensureBundle } from '../test/support/bundle.js';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv, CLI_BUNDLE, ROOT, TSX_LOADER, workspace } from '../test/support/cli.js';
import { startReceiver } from '../test/support/receiver.js';
import { redisSkipReason, startRedis } from '../test/support/redis.js';

const PROCESSES = 8;
const EVENTS = 500;

export interface FanoutResult {
  backend: string;
  eventsPerSecond: number;
  delivered: number;
  duplicates: number;
  p50DispatchMs: number;
  p99DispatchMs: number;
  wallMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function runSender(cwd: string, env: Record<string, string>): Promise<{ code: number | null; gaps: number[]; stderr: string }> {
  return new Promise((resolve) => {
    // The bundle, as users run it (rebuilt first when stale); HERALD_BENCH_SOURCE=1 runs src via tsx.
    const entry = process.env.HERALD_BENCH_SOURCE === '1' ? ['--import', TSX_LOADER, join(ROOT, 'src', 'cli', 'index.ts')] : [CLI_BUNDLE];
    const child = spawn(process.execPath, [...entry, 'send', '--payload-file', 'events.jsonl', '--json', '-q'], { cwd, env: baseEnv(env) });
    const gaps: number[] = [];
    let last: number | undefined;
    let buffered = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const now = performance.now();
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      // Lines read in one chunk share a timestamp; spread the gap evenly over them.
      const count = lines.filter((l) => l.startsWith('{')).length;
      if (!count) return;
      if (last !== undefined) for (let i = 0; i < count; i++) gaps.push((now - last) / count);
      else for (let i = 1; i < count; i++) gaps.push(0);
      last = now;
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, gaps, stderr }));
  });
}

async function fanout(backend: string, stateYaml: string, env: Record<string, string>): Promise<FanoutResult> {
  const receiver = await startReceiver();
  try {
    const events = Array.from({ length: EVENTS }, (_, i) => JSON.stringify({ kind: 'post_task', event_id: `bench-${i}`, task_id: `job-${i}`, body: `event ${i}` })).join('\n');
    const cwd = await workspace({
      'herald.yml': `notifications:\n  sinks:\n    - id: hook\n      kind: webhook\n      url: ${receiver.url}/hook\n${stateYaml}`,
    });
    await writeFile(join(cwd, 'events.jsonl'), events);
    const started = performance.now();
    const runs = await Promise.all(Array.from({ length: PROCESSES }, () => runSender(cwd, env)));
    const wallMs = performance.now() - started;
    for (const run of runs) if (run.code !== 0) throw new Error(`${backend}: a sender exited ${run.code}: ${run.stderr.slice(0, 500)}`);
    const seen = new Map<string, number>();
    for (const req of receiver.requests) {
      const id = (req.json as { event_id: string }).event_id;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
    const gaps = runs.flatMap((r) => r.gaps).sort((a, b) => a - b);
    return {
      backend,
      eventsPerSecond: Math.round((seen.size / wallMs) * 1000),
      delivered: seen.size,
      duplicates,
      p50DispatchMs: Number(percentile(gaps, 50).toFixed(2)),
      p99DispatchMs: Number(percentile(gaps, 99).toFixed(2)),
      wallMs: Math.round(wallMs),
    };
  } finally {
    await receiver.close();
  }
}

export async function run(): Promise<FanoutResult[]> {
  if (process.env.HERALD_BENCH_SOURCE !== '1') ensureBundle();
  const results: FanoutResult[] = [];
  const skip = redisSkipReason();
  if (skip) {
    console.log(`redis-fanout: redis backend skipped: ${skip}`);
  } else {
    const redis = await startRedis();
    try {
      results.push(await fanout('redis', '  state:\n    backend: redis\n', { HERALD_STATE_URL: redis.url }));
    } finally {
      await redis.close();
    }
  }
  results.push(await fanout('dir', '', {}));
  console.log(`redis-fanout: ${PROCESSES} processes × ${EVENTS} events, one webhook sink on loopback`);
  console.table(results);
  for (const r of results) if (r.duplicates !== 0 || r.delivered !== EVENTS) throw new Error(`${r.backend}: ${r.duplicates} duplicate(s), ${r.delivered}/${EVENTS} delivered`);
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
