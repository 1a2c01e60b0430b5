// Issue 14: what grows with a failing endpoint and a long dead-letter queue.
// 1. A dead endpoint: `herald send` of 1,000 events to a refused port must dead-letter every one
//    in under 10 s (the circuit breaker); printed beside the same send to a live receiver.
// 2. `herald dlq replay` of N letters (300, then 3,000; HERALD_BENCH_REPLAY_MAX raises the top, e.g.
//    30000) against `herald send` of the same N events: rate ratio ≥ 0.5, and flat as N grows.
// Each run is its own process, wall time from outside (start-up included on both sides).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv } from '../test/support/cli.js';
import { cliBundle, envInt, runNode, startReceiverProcess, verdict, type ReceiverProcess } from './_measure.js';

function eventsJsonl(count: number, prefix: string): string {
  let text = '';
  for (let i = 0; i < count; i++) text += JSON.stringify({ kind: 'post_task', event_id: `${prefix}-${i}`, title: `job ${i} failed`, body: 'exit 2', task_id: `t-${i}`, outcome: 'failed' }) + '\n';
  return text;
}

async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const config = (url: string) => `notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${url}"}\n`;

/** A folder with N dead letters for sink `hook` (sent to a refused port), then pointed at `url`. */
async function queueOf(cli: string, n: number, url: string): Promise<{ dir: string; deadMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-dl-'));
  await writeFile(join(dir, 'events.jsonl'), eventsJsonl(n, `dl${n}`));
  await writeFile(join(dir, 'herald.yml'), config(`http://127.0.0.1:${await refusedPort()}/hook`));
  const dead = await runNode([cli, 'send', '--payload-file', 'events.jsonl', '-q'], { cwd: dir, env: baseEnv() });
  await writeFile(join(dir, 'herald.yml'), config(url));
  return { dir, deadMs: dead.wallMs };
}

async function sendRate(cli: string, n: number, receiver: ReceiverProcess): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-dl-send-'));
  try {
    await writeFile(join(dir, 'events.jsonl'), eventsJsonl(n, `s${n}`));
    await writeFile(join(dir, 'herald.yml'), config(`${receiver.url}/hook`));
    await receiver.reset();
    const run = await runNode([cli, 'send', '--payload-file', 'events.jsonl', '-q'], { cwd: dir, env: baseEnv() });
    return ((await receiver.count()) / run.wallMs) * 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const cli = cliBundle();
  const receiver = await startReceiverProcess();
  try {
    const { dir, deadMs } = await queueOf(cli, 1000, `${receiver.url}/hook`);
    const listed = await runNode([cli, 'dlq', 'list', '--json'], { cwd: dir, env: baseEnv() });
    const letters = listed.stdout.trim().split('\n').filter(Boolean).length;
    await rm(dir, { recursive: true, force: true });
    const liveRate = await sendRate(cli, 1000, receiver);
    console.log(`dead endpoint: 1000 events to a refused port in ${(deadMs / 1000).toFixed(2)} s, ${letters} dead-lettered (a live receiver takes them at ${Math.round(liveRate)}/s); node ${process.version}`);
    console.log(`  target < 10 s with every event dead-lettered: ${verdict(deadMs < 10_000 && letters === 1000)}`);

    const sizes = [300, 3000, ...(envInt('HERALD_BENCH_REPLAY_MAX', 3000) > 3000 ? [envInt('HERALD_BENCH_REPLAY_MAX', 3000)] : [])];
    const rates: number[] = [];
    for (const n of sizes) {
      const queue = await queueOf(cli, n, `${receiver.url}/hook`);
      await receiver.reset();
      const replay = await runNode([cli, 'dlq', 'replay', '-q'], { cwd: queue.dir, env: baseEnv(), timeoutMs: 3_600_000 });
      const replayRate = ((await receiver.count()) / replay.wallMs) * 1000;
      await rm(queue.dir, { recursive: true, force: true });
      const send = await sendRate(cli, n, receiver);
      rates.push(replayRate);
      console.log(`dlq replay of ${n} letters: ${Math.round(replayRate)}/s against send ${Math.round(send)}/s = ${(replayRate / send).toFixed(2)}× (target ≥ 0.5×): ${verdict(replayRate / send >= 0.5)}`);
    }
    const flat = rates[rates.length - 1]! / rates[0]!;
    console.log(`  replay rate at ${sizes[sizes.length - 1]} ÷ at ${sizes[0]} = ${flat.toFixed(2)} (flat: ≥ 0.8): ${verdict(flat >= 0.8)}`);
  } finally {
    await receiver.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
