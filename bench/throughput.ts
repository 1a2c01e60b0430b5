// Issue 2 / issue 14: `herald send --payload-file` of N lifecycle events through one webhook sink
// with dedup and the dir state store on, against a bare undici keep-alive loop posting the same
// bodies to the same receiver. Target: ratio ≥ 0.70.
// Three processes: the receiver (bench/_receiver.mjs), and in turn Herald's bundle or the bare loop
// (bench/_bare-post.mjs). A first Herald run warms up and records the bodies it posts; the bare
// loop posts exactly those. Rates are receiver counts ÷ the process's wall time (start-up included
// on both sides). HERALD_BENCH_EVENTS (default 10,000) sets N, HERALD_BENCH_PAIRS (default 3) the
// interleaved pairs.
// Also start-up: `herald --version`, `--help`, `validate` and `send --dry-run` against `node -e 0`.
// Target: the slowest ≤ 1.5× on Node 24, ≤ 2× on Node 20.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv } from '../test/support/cli.js';
import { cliBundle, envInt, interleaved, median, pairCount, runNode, spread, startReceiverProcess, verdict, bareDeliveries, type DeliverySide as Side, type ReceiverProcess } from './_measure.js';

const TARGET = 0.7;

function eventsJsonl(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    text += JSON.stringify({ kind: 'post_task', event_id: `bench-${i}`, title: `job ${i} finished`, body: 'exit 0', task_id: `t-${i}`, outcome: i % 50 === 0 ? 'failed' : 'completed', labels: { team: 'platform', queue: 'short' } }) + '\n';
  }
  return text;
}

/** Herald in a fresh folder (so dedup state starts empty): webhook sink, dedup and dir state on. */
async function heraldSend(cli: string, events: string, receiver: ReceiverProcess, capturePath?: string): Promise<Side> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-send-'));
  try {
    await writeFile(join(dir, 'herald.yml'), `notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${receiver.url}/hook"}\n`);
    await receiver.reset(capturePath);
    const run = await runNode([cli, 'send', '--payload-file', events, '-q'], { cwd: dir, env: baseEnv() });
    const delivered = await receiver.count();
    return { wallMs: run.wallMs, delivered, rate: (delivered / run.wallMs) * 1000 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function deliveries(cli: string): Promise<void> {
  const count = envInt('HERALD_BENCH_EVENTS', 10_000);
  const pairs = pairCount();
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-throughput-'));
  const receiver = await startReceiverProcess();
  try {
    const events = join(dir, 'events.jsonl');
    await writeFile(events, eventsJsonl(count));
    const bodies = join(dir, 'bodies.jsonl');
    const warm = await heraldSend(cli, events, receiver, bodies);
    if (warm.delivered !== count) throw new Error(`throughput: Herald delivered ${warm.delivered} of ${count} events in the warm-up run`);
    const [bare, herald] = await interleaved(pairs, [() => bareDeliveries(bodies, receiver), () => heraldSend(cli, events, receiver)]);
    for (const side of [...bare!, ...herald!]) if (side.delivered !== count) throw new Error(`throughput: a run delivered ${side.delivered} of ${count}`);
    const ratios = herald!.map((h, i) => h.rate / bare![i]!.rate);
    const ratio = median(ratios);
    console.log(`throughput: ${count} events, one webhook sink, each side its own process; node ${process.version}; ${pairs} interleaved pairs, median (min–max)`);
    console.log(`  bare undici keep-alive loop, same bodies : ${spread(bare!.map((s) => s.rate))} deliveries/s, ${spread(bare!.map((s) => s.wallMs / 1000), 2, ' s')}`);
    console.log(`  herald send (dedup + dir state on)       : ${spread(herald!.map((s) => s.rate))} deliveries/s, ${spread(herald!.map((s) => s.wallMs / 1000), 2, ' s')}`);
    console.log(`  ratio ${ratio.toFixed(2)}× (pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≥ ${TARGET.toFixed(2)}×): ${verdict(ratio >= TARGET)}`);
  } finally {
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Node 20 for the second start-up target: the first `node` on PATH outside node_modules. */
function node20(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir || dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (version.status === 0 && /^v20\./.test(version.stdout)) return candidate;
  }
  return undefined;
}

function spawnMs(node: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(node, args, { cwd, env, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${node} ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// `node -e 0` and the four short commands (on the built-in default), interleaved round by round;
// each ratio is taken per round and its median printed. The dry run is also timed with the code
// caches turned off (a job script's first call; the others are its later calls).
export async function startup(cli: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-startup-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const cold = { ...env, HERALD_NO_COMPILE_CACHE: '1' };
  const rounds = envInt('HERALD_BENCH_STARTUP_ROUNDS', 15);
  // `validate` reads a YAML file (the embedded default's two sinks), as a user's check would; it
  // sits outside the folder so the dry runs keep the embedded default.
  const config = join(dir, 'conf', 'herald.yml');
  await mkdir(dirname(config));
  await writeFile(config, 'notifications:\n  sinks:\n    - {id: console, kind: console}\n    - {id: events-file, kind: file, path: .herald/events.jsonl}\n');
  // And a `send` that posts one event to a webhook (a job script's usual call), for the record.
  const receiver = await startReceiverProcess();
  const posting = join(dir, 'post');
  await mkdir(posting);
  await writeFile(join(posting, 'herald.yml'), `notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${receiver.url}/hook"}\n`);
  try {
    const runtimes: [string, string, number][] = [[`Node ${process.versions.node}`, process.execPath, 1.5]];
    const older = node20();
    if (older) runtimes.push([`Node ${spawnSync(older, ['--version'], { encoding: 'utf8' }).stdout.trim().slice(1)}`, older, 2]);
    for (const [name, node, target] of runtimes) {
      for (const args of [['--help'], ['validate', '--config', config], ['send', '--dry-run', '--title', 'warm-up']]) spawnMs(node, [cli, ...args], dir, env);
      spawnMs(node, [cli, 'send', '--title', 'warm-up', '-q'], posting, env);
      const [bare, version, help, validate, warm, unc, post] = await interleaved(rounds, [
        async () => spawnMs(node, ['-e', '0'], dir, env),
        async () => spawnMs(node, [cli, '--version'], dir, env),
        async () => spawnMs(node, [cli, '--help'], dir, env),
        async () => spawnMs(node, [cli, 'validate', '--config', config], dir, env),
        async () => spawnMs(node, [cli, 'send', '--dry-run', '--title', 'bench'], dir, env),
        async () => spawnMs(node, [cli, 'send', '--dry-run', '--title', 'bench'], dir, cold),
        // Each call's event has its own timestamp, so its own id: none is deduplicated away.
        async () => spawnMs(node, [cli, 'send', '--title', 'bench', '-q'], posting, env),
      ]);
      const ratio = (side: number[]) => median(side.map((ms, k) => ms / bare![k]!));
      const line = (label: string, side: number[]) => `${label} ${median(side).toFixed(0)} ms (${ratio(side).toFixed(2)}×)`;
      console.log(`start-up on ${name} (median of ${rounds} interleaved rounds): node -e 0 ${median(bare!).toFixed(0)} ms; ${[line('--version', version!), line('--help', help!), line('validate', validate!), line('send --dry-run', warm!), line('without the compile cache', unc!)].join('; ')}`);
      const worst = Math.max(...[version!, help!, validate!, warm!].map(ratio));
      console.log(`  slowest of --version, --help, validate, send --dry-run: ${worst.toFixed(2)}× (target ≤ ${target}×): ${verdict(worst <= target)}`);
      console.log(`  ${line('send of one event to a webhook', post!)} (no target: the HTTP client and the state writes on top)`);
    }
  } finally {
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const cli = cliBundle();
  await deliveries(cli);
  await startup(cli);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
