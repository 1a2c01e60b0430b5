// A burst of 1,000 events into a Slack double that accepts one message per second and answers
// 429 with Retry-After: 1 beyond that. Herald with digests, Herald with `digest: false`, and a
// naive sender (Bernstein's defaults: one POST per event, events concurrent, 3 attempts, 250 ms ×2,
// Retry-After ignored). Run: node --import tsx bench/digest.ts
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import { startReceiver, type Receiver, type ReceivedRequest } from '../test/support/receiver.js';
import { createHerald } from '../src/herald.js';
import { buildEvent, type NotificationEvent } from '../src/core/event.js';
import type { Logger } from '../src/core/context.js';

const BURST = 1000;
/** `digest: false` sends one message per second: ~1,000 s for the burst, so a sample is run. */
const NO_DIGEST_SAMPLE = 15;

interface Row {
  name: string;
  events: number;
  represented: number;
  deadLetters: number;
  messages: number;
  rateLimited: number;
  wallMs: number;
  note?: string;
}

/** Slack's documented budget: one message per second per webhook; beyond it, 429 + Retry-After. */
async function slackDouble(): Promise<Receiver & { represented(): number; rateLimited(): number }> {
  let lastAcceptedMs = -Infinity;
  let represented = 0;
  let limited = 0;
  const receiver = await startReceiver((req: ReceivedRequest) => {
    const now = performance.now();
    if (now - lastAcceptedMs < 1000) {
      limited++;
      return { status: 429, body: 'rate_limited', headers: { 'retry-after': '1' } };
    }
    lastAcceptedMs = now;
    const text = (req.json as { text?: string } | undefined)?.text ?? '';
    represented += Number(/^\*Herald digest: (\d+) events/.exec(text)?.[1] ?? 1);
    return { status: 200, body: 'ok' };
  });
  return Object.assign(receiver, { represented: () => represented, rateLimited: () => limited });
}

function burst(count: number): NotificationEvent[] {
  return Array.from({ length: count }, (_, i) =>
    buildEvent({ kind: 'post_task', outcome: i % 50 === 0 ? 'failed' : 'completed', task_id: `job-${i}`, title: `Job ${i} finished`, body: `array task ${i}`, event_id: `bench-${i}` }, 1_700_000_000),
  );
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

async function runHerald(name: string, count: number, digest: boolean): Promise<Row> {
  const slack = await slackDouble();
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-'));
  await writeFile(join(dir, 'herald.yml'), `notifications:\n  retry: { max_attempts: 5 }\n  sinks:\n    - id: slack\n      kind: slack\n      webhook_url: ${slack.url}/services/T/B/X\n      digest: ${digest}\n`);
  const herald = await createHerald({ config: join(dir, 'herald.yml'), cwd: dir, env: { PATH: process.env.PATH }, state: { state: 'none' }, context: { log: quiet, stdout: () => undefined } });
  const started = performance.now();
  const outcomes = await herald.send(burst(count));
  const wallMs = performance.now() - started;
  await herald.close();
  await slack.close();
  return { name, events: count, represented: slack.represented(), deadLetters: outcomes.filter((o) => o.outcome === 'dead_lettered').length, messages: slack.requests.length, rateLimited: slack.rateLimited(), wallMs };
}

async function runNaive(count: number): Promise<Row> {
  const slack = await slackDouble();
  // Bernstein opens a new client per request: no pool limit.
  const agent = new Agent({ connections: null, pipelining: 0 });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const send = async (event: NotificationEvent): Promise<boolean> => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await request(`${slack.url}/services/T/B/X`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `*${event.title}*\n${event.body}` }) });
      await response.body.text();
      if (response.statusCode < 300) return true;
      if (attempt < 3) await sleep(250 * 2 ** (attempt - 1));
    }
    return false;
  };
  const started = performance.now();
  const results = await Promise.all(burst(count).map(send));
  const wallMs = performance.now() - started;
  await agent.close();
  await slack.close();
  return { name: 'naive (Bernstein defaults)', events: count, represented: slack.represented(), deadLetters: results.filter((ok) => !ok).length, messages: slack.requests.length, rateLimited: slack.rateLimited(), wallMs };
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  rows.push(await runHerald('herald, digest on', BURST, true));
  const sample = await runHerald('herald, digest: false', NO_DIGEST_SAMPLE, false);
  const perEventMs = sample.wallMs / NO_DIGEST_SAMPLE;
  sample.note = `sample of ${NO_DIGEST_SAMPLE}; extrapolated to ${BURST}: ~${Math.round((perEventMs * BURST) / 1000)} s, ${BURST} messages`;
  rows.push(sample);
  rows.push(await runNaive(BURST));
  console.log(`digest benchmark: burst of ${BURST} events into a Slack double allowing 1 message/s (429 + Retry-After: 1 beyond)`);
  console.log(['sender'.padEnd(28), 'events', 'represented', 'dead letters', 'messages', '429s', 'wall s'].join(' | '));
  for (const r of rows) {
    console.log([r.name.padEnd(28), String(r.events).padStart(6), String(r.represented).padStart(11), String(r.deadLetters).padStart(12), String(r.messages).padStart(8), String(r.rateLimited).padStart(4), (r.wallMs / 1000).toFixed(2).padStart(6)].join(' | ') + (r.note ? `   (${r.note})` : ''));
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
