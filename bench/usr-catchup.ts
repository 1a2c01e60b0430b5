// Catch-up throughput of `herald watch --dry-run` on a large generated log, against a bare Node
// loop that splits lines and JSON.parses each one. Each variant runs in its own child process so
// its peak RSS is its own. Also measures follow latency: append → loopback receiver.
// HERALD_BENCH_USR_RECORDS sets the record count (default 1,000,000 ≈ 600 MB). The variants run in
// turn HERALD_BENCH_REPEATS times (default 3) and each reports its median time and highest peak
// RSS, so a burst of load from another process on a shared machine does not decide a ratio.
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReceiver } from '../test/support/receiver.js';
import { bulkLine, usrLine } from '../test/support/usr-log.js';
import { median } from './_measure.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const BARE = `
const fs = require('fs');
const fd = fs.openSync(process.argv[2], 'r');
const buf = Buffer.allocUnsafe(1 << 20);
let pending = '', n = 0, pos = 0;
for (;;) {
  const r = fs.readSync(fd, buf, 0, buf.length, pos);
  if (!r) break;
  pos += r;
  const lines = (pending + buf.toString('utf8', 0, r)).split('\\n');
  pending = lines.pop();
  for (const l of lines) if (l) { JSON.parse(l); n++; }
}
process.stdout.write(JSON.stringify({ records: n, maxRSS: process.resourceUsage().maxRSS }) + '\\n');
`;

function runChild(args: string[]): Promise<{ ms: number; rssKb: number; stdoutBytes: number }> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = Number(err.trim().split('\n').pop());
      if (code !== 0) reject(new Error(`exit ${code}: ${err.slice(-500)}`));
      else resolvePromise({ ms, rssKb: rss, stdoutBytes: bytes });
    });
  });
}

export async function run(): Promise<void> {
  const records = Number(process.env.HERALD_BENCH_USR_RECORDS ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-usr-'));
  try {
    const events = join(dir, '.events.log');
    const handle = await open(events, 'w');
    let chunk = '';
    for (let i = 0; i < records; i++) {
      // ~1% densegen_flush_failed; ~600-byte records like the writer's
      chunk += bulkLine(i, i % 100 === 7 ? 'densegen_flush_failed' : 'import_rows', 170);
      if (chunk.length > 8 << 20) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    await handle.write(chunk);
    await handle.close();
    const size = (await stat(events)).size;
    const mb = size / 1e6;
    console.log(`usr-catchup: ${records} records, ${mb.toFixed(0)} MB`);
    await writeFile(join(dir, 'bare.cjs'), BARE);
    const cli = join(ROOT, 'dist', 'cli', 'index.js');
    const variants: [string, string[]][] = [
      ['bare loop (split + JSON.parse)', [join(dir, 'bare.cjs'), events]],
      ['herald watch --dry-run, 1% filter', [cli, 'watch', '--events', events, '--provider', 'generic', '--dry-run', '--only-actions', 'densegen_flush_failed']],
      ['herald watch --dry-run, every record', [cli, 'watch', '--events', events, '--provider', 'generic', '--dry-run']],
    ];
    const repeats = Number(process.env.HERALD_BENCH_REPEATS ?? 3);
    const times: number[][] = variants.map(() => []);
    const peaks: number[] = variants.map(() => 0);
    for (let round = 0; round < repeats; round++) {
      for (const [i, [, args]] of variants.entries()) {
        const r = await runChild(args);
        times[i]!.push(r.ms);
        peaks[i] = Math.max(peaks[i]!, r.rssKb);
      }
    }
    const rates: number[] = [];
    for (const [i, [name]] of variants.entries()) {
      const ms = median(times[i]!);
      const rate = mb / (ms / 1000);
      rates.push(rate);
      const spread = times[i]!.map((t) => (t / 1000).toFixed(2)).join(' / ');
      console.log(`  ${name.padEnd(40)} ${rate.toFixed(0).padStart(6)} MB/s ${(records / (ms / 1000)).toFixed(0).padStart(9)} records/s  peak RSS ${(peaks[i]! / 1024).toFixed(0)} MB  (median ${(ms / 1000).toFixed(2)} s of ${spread})`);
    }
    const rssOk = Math.max(...peaks.slice(1)) / 1024 <= 150;
    console.log(`  filtered / bare = ${(rates[1]! / rates[0]!).toFixed(2)}x (target >= 3)   all / bare = ${(rates[2]! / rates[0]!).toFixed(2)}x (target >= 0.8)   Herald peak RSS ${rssOk ? '<=' : '>'} 150 MB`);
    await followLatency(dir, cli);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function followLatency(dir: string, cli: string): Promise<void> {
  const receiver = await startReceiver({ status: 200 });
  const events = join(dir, 'follow.log');
  await writeFile(events, '');
  const child = spawn(process.execPath, [cli, 'watch', '--events', events, '--provider', 'generic', '--url', receiver.url, '--follow', '--poll-interval-seconds', '0.05', '--state', 'none'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 1500));
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    const before = receiver.requests.length;
    const t0 = Date.now();
    await appendFile(events, usrLine({ action: 'init', args: { i } }));
    await receiver.waitFor(before + 1, 5000);
    samples.push(Date.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  await receiver.close();
  samples.sort((a, b) => a - b);
  console.log(`  follow latency (append → receiver, poll 0.05 s): median ${samples[5]} ms, max ${samples[9]} ms (target < 500 ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
