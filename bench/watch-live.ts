// Issue 10: a live `herald watch --cursor` delivering a realistic USR log (test/support/usr-run-log.ts,
// ~1% NaN/Infinity lines) to a webhook receiver, against a bare undici keep-alive loop posting the
// same bodies to the same receiver. Target: ≥ 0.6× the bare deliveries/s.
// Three processes: the receiver (bench/_receiver.mjs), and in turn Herald's bundle or the bare
// loop (bench/_bare-post.mjs). A first Herald run warms up and records the bodies it posts; the
// bare loop posts exactly those. Rates are receiver counts ÷ the process's wall time (start-up
// included on both sides). HERALD_BENCH_LIVE_RECORDS (default 5,000) sets the log size,
// HERALD_BENCH_PAIRS (default 3) the interleaved pairs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv } from '../test/support/cli.js';
import { realisticRunLog } from '../test/support/usr-run-log.js';
import { cliBundle, envInt, interleaved, median, pairCount, runNode, spread, startReceiverProcess, verdict, bareDeliveries, type DeliverySide as Side, type ReceiverProcess } from './_measure.js';

const TARGET = 0.6;

async function heraldWatch(cli: string, log: string, receiver: ReceiverProcess, capturePath?: string): Promise<Side> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-live-'));
  try {
    await receiver.reset(capturePath);
    const run = await runNode(
      [cli, 'watch', '--events', log, '--provider', 'generic', '--url', `${receiver.url}/hook`, '--cursor', join(dir, 'cursor'), '--state-dir', join(dir, 'state'), '--retry-base-seconds', '0'],
      { cwd: dir, env: baseEnv() },
    );
    const delivered = await receiver.count();
    return { wallMs: run.wallMs, delivered, rate: (delivered / run.wallMs) * 1000 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const records = envInt('HERALD_BENCH_LIVE_RECORDS', 5000);
  const pairs = pairCount();
  const cli = cliBundle();
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-live-log-'));
  const receiver = await startReceiverProcess();
  try {
    const log = join(dir, '.events.log');
    await writeFile(log, realisticRunLog(records));
    const bodies = join(dir, 'bodies.jsonl');
    const warm = await heraldWatch(cli, log, receiver, bodies);
    if (!warm.delivered) throw new Error('watch-live: Herald delivered nothing in the warm-up run');
    const [bare, herald] = await interleaved(pairs, [() => bareDeliveries(bodies, receiver), () => heraldWatch(cli, log, receiver)]);
    for (const side of [...bare!, ...herald!]) {
      if (side.delivered !== warm.delivered) throw new Error(`watch-live: a run delivered ${side.delivered}, the warm-up ${warm.delivered}`);
    }
    const ratios = herald!.map((h, i) => h.rate / bare![i]!.rate);
    const ratio = median(ratios);
    console.log(`watch-live: ${records} USR records (realistic, ~1% NaN/Infinity), ${warm.delivered} deliveries per run (the rest throttled by the tool packs); node ${process.version}; ${pairs} interleaved pairs, median (min–max)`);
    console.log(`  bare undici keep-alive loop, same bodies : ${spread(bare!.map((s) => s.rate))} deliveries/s, ${spread(bare!.map((s) => s.wallMs / 1000), 2, ' s')}`);
    console.log(`  herald watch --cursor (generic)          : ${spread(herald!.map((s) => s.rate))} deliveries/s, ${spread(herald!.map((s) => s.wallMs / 1000), 2, ' s')}`);
    console.log(`  ratio ${ratio.toFixed(2)}× (pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≥ ${TARGET}×): ${verdict(ratio >= TARGET)}`);
  } finally {
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
