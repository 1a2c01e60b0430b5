// Issue 14 #1: the audit chain must not make a send grow worse than linearly. `herald send` of N
// events to a loopback receiver, with an audit key and without, each side its own process
// (start-up included, as users run it), CPU (user + sys) from /usr/bin/time, interleaved A/B
// pairs, median ratio per size. Targets: audit on ≤ 1.3× the CPU of audit off, and flat from 1k
// to 10k entries: the audit's own CPU per entry (on − off) and the ratio each within 10%. HERALD_BENCH_AUDIT_SIZES overrides the
// sizes (comma-separated).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv } from '../test/support/cli.js';
import { cliBundle, interleaved, median, pairCount, startReceiverProcess, verdict, type ReceiverProcess } from './_measure.js';

const KEY = 'bench-audit-key-0123456789abcdef';

function eventsJsonl(count: number, prefix: string): string {
  let text = '';
  for (let i = 0; i < count; i++) text += JSON.stringify({ kind: 'post_task', event_id: `${prefix}-${i}`, title: `job ${i} done`, body: 'exit 0', task_id: `t-${i}`, outcome: 'succeeded' }) + '\n';
  return text;
}

/** CPU seconds (user + sys) of `node …args`, measured by /usr/bin/time from outside. */
async function cpuOf(args: string[], cwd: string): Promise<number> {
  const out = join(cwd, 'time.txt');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', out, process.execPath, ...args], { cwd, env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`send exited ${code}: ${stderr.slice(-600)}`))));
  });
  const [user, sys] = (await readFile(out, 'utf8')).trim().split('\n').pop()!.split(' ').map(Number);
  return user! + sys!;
}

/** One send of n fresh events (a fresh state folder each time, so the audit log starts empty). */
async function sendCpu(cli: string, n: number, audit: boolean, receiver: ReceiverProcess, seq: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-audit-'));
  try {
    await writeFile(join(dir, 'events.jsonl'), eventsJsonl(n, `a${seq}`));
    const auditLine = audit ? `  audit: {key: "${KEY}"}\n` : '';
    await writeFile(join(dir, 'herald.yml'), `notifications:\n${auditLine}  sinks:\n    - {id: hook, kind: webhook, url: "${receiver.url}/hook"}\n`);
    await receiver.reset();
    const cpu = await cpuOf([cli, 'send', '--payload-file', 'events.jsonl', '-q'], dir);
    const delivered = await receiver.count();
    if (delivered !== n) throw new Error(`audit ${audit ? 'on' : 'off'}: ${delivered} of ${n} delivered`);
    if (audit) {
      const verified = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [cli, 'audit', 'verify'], { cwd: dir, env: baseEnv({ HERALD_AUDIT_KEY: KEY }) });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('close', () => resolve(stdout.trim()));
      });
      if (!verified.startsWith(`ok: ${n} entries`)) throw new Error(`audit verify after ${n} events: ${verified}`);
    }
    return cpu;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const cli = cliBundle();
  const sizes = (process.env.HERALD_BENCH_AUDIT_SIZES ?? '1000,10000').split(',').map(Number);
  const pairs = pairCount();
  const receiver = await startReceiverProcess();
  let seq = 0;
  try {
    const ratios: number[] = [];
    const perEntryUs: number[] = [];
    for (const n of sizes) {
      const [on, off] = await interleaved(pairs, [() => sendCpu(cli, n, true, receiver, seq++), () => sendCpu(cli, n, false, receiver, seq++)]);
      const pairRatios = on!.map((cpu, i) => cpu / off![i]!);
      const ratio = median(pairRatios);
      ratios.push(ratio);
      perEntryUs.push((median(on!.map((cpu, i) => cpu - off![i]!)) / n) * 1e6);
      const f = (v: number[]) => `${median(v).toFixed(2)} s (${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)})`;
      console.log(`send of ${n} events, CPU: audit on ${f(on!)}, audit off (baseline) ${f(off!)}; ratio ${ratio.toFixed(2)}× over ${pairs} pairs (target ≤ 1.3×): ${verdict(ratio <= 1.3)}`);
    }
    console.log(`  the audit's own CPU per entry (on − off, ÷ events): ${sizes.map((n, i) => `${Math.round(perEntryUs[i]!)} µs at ${n}`).join(', ')}`);
    if (ratios.length > 1) {
      const last = sizes.length - 1;
      const growth = perEntryUs[last]! / perEntryUs[0]!;
      console.log(`  audit CPU per entry at ${sizes[last]} ÷ at ${sizes[0]} = ${growth.toFixed(2)} (flat, O(1) per entry: ≤ 1.1): ${verdict(growth <= 1.1)}`);
      const ratioGrowth = ratios[last]! / ratios[0]!;
      console.log(`  ratio at ${sizes[last]} ÷ at ${sizes[0]} = ${ratioGrowth.toFixed(2)} (flat ratio: ≤ 1.1): ${verdict(ratioGrowth <= 1.1)}; node ${process.version}`);
    }
  } finally {
    await receiver.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
