// Issue 14 #7: the cost of fanning out. `herald send` of N/S events to S webhook sinks (S = 1, 4,
// 16; S×N/S ≈ the same number of deliveries each time) against the bare undici loop posting the
// same bodies one after another. Each sink has its own URL path, so its own rate and circuit key.
// Target: 16 sinks ≥ 0.70× the bare rate. HERALD_BENCH_DELIVERIES (default 8,000) sets the total.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv } from '../test/support/cli.js';
import { bareDeliveries, cliBundle, envInt, interleaved, median, pairCount, runNode, spread, startReceiverProcess, verdict, type DeliverySide, type ReceiverProcess } from './_measure.js';

const TARGET = 0.7;

function eventsJsonl(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    text += JSON.stringify({ kind: 'post_task', event_id: `fan-${i}`, title: `job ${i} finished`, body: 'exit 0', task_id: `t-${i}`, outcome: 'completed' }) + '\n';
  }
  return text;
}

function configFor(sinks: number, url: string): string {
  const lines = ['notifications:', '  sinks:'];
  for (let s = 0; s < sinks; s++) lines.push(`    - {id: hook-${s}, kind: webhook, url: "${url}/hook-${s}"}`);
  return lines.join('\n') + '\n';
}

async function heraldSend(cli: string, sinks: number, events: string, receiver: ReceiverProcess, capturePath?: string): Promise<DeliverySide & { peakRssKb?: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-fanout-'));
  try {
    await writeFile(join(dir, 'herald.yml'), configFor(sinks, receiver.url));
    await receiver.reset(capturePath);
    const run = await runNode([cli, 'send', '--payload-file', events, '-q'], { cwd: dir, env: baseEnv() });
    const delivered = await receiver.count();
    return { wallMs: run.wallMs, delivered, rate: (delivered / run.wallMs) * 1000, peakRssKb: run.peakRssKb };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const cli = cliBundle();
  const total = envInt('HERALD_BENCH_DELIVERIES', 8_000);
  const pairs = pairCount();
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-fanout-data-'));
  const receiver = await startReceiverProcess();
  console.log(`fan-out: ~${total} deliveries split over 1, 4 and 16 webhook sinks; node ${process.version}; ${pairs} interleaved pairs, median (min–max)`);
  try {
    let ratio16 = 0;
    for (const sinks of [1, 4, 16]) {
      const count = Math.round(total / sinks);
      const events = join(dir, `events-${sinks}.jsonl`);
      await writeFile(events, eventsJsonl(count));
      const bodies = join(dir, `bodies-${sinks}.jsonl`);
      const warm = await heraldSend(cli, sinks, events, receiver, bodies);
      if (warm.delivered !== count * sinks) throw new Error(`fan-out: ${warm.delivered} of ${count * sinks} delivered in the warm-up`);
      const [bare, herald] = await interleaved(pairs, [() => bareDeliveries(bodies, receiver), () => heraldSend(cli, sinks, events, receiver)]);
      for (const side of [...bare!, ...herald!]) if (side.delivered !== count * sinks) throw new Error(`fan-out: a run delivered ${side.delivered} of ${count * sinks}`);
      const ratios = herald!.map((h, i) => h.rate / bare![i]!.rate);
      const ratio = median(ratios);
      if (sinks === 16) ratio16 = ratio;
      const rss = (herald as { peakRssKb?: number }[]).map((h) => (h.peakRssKb ?? NaN) / 1024).filter(Number.isFinite);
      console.log(`  ${String(sinks).padStart(2)} sink(s) × ${count} events: bare ${spread(bare!.map((s) => s.rate))}/s, herald ${spread(herald!.map((s) => s.rate))}/s, ratio ${ratio.toFixed(2)}×${rss.length ? `, herald peak RSS median ${median(rss).toFixed(0)} MiB (max ${Math.max(...rss).toFixed(0)})` : ''}`);
    }
    console.log(`  16 sinks: ratio ${ratio16.toFixed(2)}× (target ≥ ${TARGET.toFixed(2)}×): ${verdict(ratio16 >= TARGET)}`);
  } finally {
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
