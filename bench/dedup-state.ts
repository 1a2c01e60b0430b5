// Issue 14 #4: a large dedup state must not make each `herald send` slower. One more `send` of one
// new event (webhook sink, dir state) with 100,000 remembered deliveries in dedup.jsonl against
// the same send with 1,000. Target: ≤ 1.2× the time with 1k. Both folders hold lines exactly as
// Herald writes them (one real send gives the sink's id; the rest are generated, within the
// dedup window). HERALD_BENCH_DEDUP_LARGE (default 100,000) sets the large size.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv } from '../test/support/cli.js';
import { cliBundle, envInt, interleaved, median, pairCount, runNode, spread, startReceiverProcess, verdict, type ReceiverProcess } from './_measure.js';

const TARGET = 1.2;

async function stateWith(cli: string, entries: number, receiver: ReceiverProcess): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `herald-bench-dedup-${entries}-`));
  await writeFile(join(dir, 'herald.yml'), `notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${receiver.url}/hook"}\n`);
  await runNode([cli, 'send', '--event', 'post_task', '--event-id', 'seed', '--title', 'seed', '-q'], { cwd: dir, env: baseEnv() });
  const file = join(dir, '.herald', 'state', 'dedup.jsonl');
  const seed = JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!) as { sink_id: string };
  const now = Date.now() / 1000;
  let text = '';
  for (let i = 1; i < entries; i++) text += `{"event_id": "bench-${i.toString(36)}-${(i * 7919).toString(16)}", "ts": ${(now - (entries - i) * 0.01).toFixed(3)}, "sink_id": "${seed.sink_id}"}\n`;
  await appendFile(file, text);
  return dir;
}

let sequence = 0;
async function oneMoreSend(cli: string, dir: string): Promise<number> {
  const run = await runNode([cli, 'send', '--event', 'post_task', '--event-id', `new-${process.pid}-${sequence++}`, '--title', 'one more', '-q'], { cwd: dir, env: baseEnv() });
  return run.wallMs;
}

export async function run(): Promise<void> {
  const cli = cliBundle();
  const large = envInt('HERALD_BENCH_DEDUP_LARGE', 100_000);
  const pairs = pairCount(7);
  const receiver = await startReceiverProcess();
  const small = await stateWith(cli, 1_000, receiver);
  const big = await stateWith(cli, large, receiver);
  try {
    await oneMoreSend(cli, small);
    await oneMoreSend(cli, big);
    const [withSmall, withBig] = await interleaved(pairs, [() => oneMoreSend(cli, small), () => oneMoreSend(cli, big)]);
    const ratios = withBig!.map((b, i) => b / withSmall![i]!);
    const ratio = median(ratios);
    console.log(`dedup state: one more send (webhook sink, dir state); node ${process.version}; ${pairs} interleaved pairs, median (min–max)`);
    console.log(`  with 1,000 entries    : ${spread(withSmall!, 0, ' ms')}`);
    console.log(`  with ${large.toLocaleString('en-US')} entries: ${spread(withBig!, 0, ' ms')}`);
    console.log(`  ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET.toFixed(1)}×): ${verdict(ratio <= TARGET)}`);
  } finally {
    await receiver.close();
    await rm(small, { recursive: true, force: true });
    await rm(big, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
