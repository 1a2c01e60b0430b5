// Issue 2: 10,000 events through one webhook sink to a loopback receiver with dedup and state on,
// against a bare undici loop posting the same bodies. Target: ratio ≥ 0.7.
// Also start-up: `herald send --dry-run` against `node -e 0`. Target: ≤ 1.5×.
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { createHerald } from '../src/herald.js';
import { buildEvent, toPayload, type NotificationEvent } from '../src/core/event.js';
import { startReceiver } from '../test/support/receiver.js';
import { CLI_BUNDLE } from '../test/support/cli.js';
import { ensureBundle } from '../test/support/bundle.js';
import { verdict, wallTimeMs } from './_measure.js';

const EVENTS = Number(process.env.HERALD_BENCH_EVENTS ?? 10_000);

/** The baseline: the same bodies posted one after another on one keep-alive agent. */
async function bareLoop(url: string, events: NotificationEvent[]): Promise<number> {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const start = performance.now();
  for (const event of events) {
    const response = await request(`${url}/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(toPayload(event)), dispatcher: agent });
    await response.body.text();
  }
  const ms = performance.now() - start;
  await agent.close();
  return ms;
}

/** Herald with a webhook sink, dedup and the dir state store on, in a fresh folder. */
async function heraldRun(url: string, events: NotificationEvent[]): Promise<{ ms: number; delivered: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-'));
  await writeFile(join(dir, 'herald.yml'), `notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${url}/hook"}\n`);
  const herald = await createHerald({ cwd: dir, env: {}, context: { log: { info() {}, debug() {}, warn: console.warn, error: console.error } } });
  const start = performance.now();
  const outcomes = await herald.dispatcher.dispatch(events);
  const ms = performance.now() - start;
  await herald.close();
  await rm(dir, { recursive: true, force: true });
  return { ms, delivered: outcomes.filter((o) => o.outcome === 'delivered').length };
}

export async function run(): Promise<void> {
  const receiver = await startReceiver({ status: 200, body: 'ok' });
  const events = Array.from({ length: EVENTS }, (_, i) => buildEvent({ kind: 'post_task', event_id: `bench-${i}`, title: `job ${i} finished`, body: 'exit 0', task_id: `t-${i}` }, 1_795_000_000 + i));
  try {
    // Both sides warm up first (JIT, sockets), so neither pays for the other's cold start.
    const warmEvents = events.slice(0, 1000).map((e) => ({ ...e, event_id: `warm-${e.event_id}` }));
    await bareLoop(receiver.url, warmEvents);
    await heraldRun(receiver.url, warmEvents);
    const bareMs = await bareLoop(receiver.url, events);
    const { ms: heraldMs, delivered } = await heraldRun(receiver.url, events);

    const bareRate = (EVENTS / bareMs) * 1000;
    const heraldRate = (EVENTS / heraldMs) * 1000;
    const ratio = heraldRate / bareRate;
    console.log(`throughput: ${EVENTS} events, ${delivered} delivered by Herald`);
    console.log(`  bare undici loop : ${bareRate.toFixed(0)} deliveries/s`);
    console.log(`  herald (dedup+state on): ${heraldRate.toFixed(0)} deliveries/s`);
    console.log(`  ratio ${ratio.toFixed(2)} (target ≥ 0.70): ${verdict(ratio >= 0.7)}`);
  } finally {
    await receiver.close();
  }

  ensureBundle();
  const dir = await mkdtemp(join(tmpdir(), 'herald-startup-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const baseline = wallTimeMs(process.execPath, ['-e', '0'], { cwd: dir, env });
  const dryRun = wallTimeMs(process.execPath, [CLI_BUNDLE, 'send', '--dry-run', '--title', 'bench'], { cwd: dir, env });
  const version = wallTimeMs(process.execPath, [CLI_BUNDLE, '--version'], { cwd: dir, env });
  await rm(dir, { recursive: true, force: true });
  console.log(`start-up (median of 15): node -e 0 ${baseline.toFixed(0)} ms; herald --version ${version.toFixed(0)} ms; herald send --dry-run ${dryRun.toFixed(0)} ms`);
  console.log(`  ratio ${(dryRun / baseline).toFixed(2)}× (target ≤ 1.5×): ${verdict(dryRun / baseline <= 1.5)}`);
}
