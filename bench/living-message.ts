// A living message under pressure: a 1,000-event progress stream of one conversation (a USR run
// writing progress records for ~10 s) into a Slack Web API double that allows one call per second
// and answers 429 + Retry-After beyond that. Herald with `threading: update` delivers the way
// `herald watch` does (each batch as soon as the previous one is done), so a backlog collapses to
// its newest state. Target: the stream ends in < 30 s with the message showing the last state.
// Run: node --import tsx bench/living-message.ts
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSlackDouble } from '../test/support/chat-doubles.js';
import { createHerald } from '../src/herald.js';
import { buildEvent, type NotificationEvent } from '../src/core/event.js';
import type { Logger } from '../src/core/context.js';
import type { Outcome } from '../src/dispatch/outcome.js';
import { verdict } from './_measure.js';

const EVENTS = 1000;
const STREAM_MS = 10_000;
const TARGET_MS = 30_000;
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

function progress(n: number): NotificationEvent {
  return buildEvent(
    { kind: 'densegen_progress', title: `densegen ${((n / EVENTS) * 100).toFixed(1)}% (${n}/${EVENTS} rows)`, run_id: 'run-7', labels: { status: 'running', dataset: 'demo' }, event_id: `p-${n}`, timestamp: 1_700_000_000 + n },
    0,
  );
}

export async function run(): Promise<void> {
  const slack = await startSlackDouble({ callsPerSecond: 1 });
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-living-'));
  await writeFile(
    join(dir, 'herald.yml'),
    `notifications:\n  sinks:\n    - id: slack\n      kind: slack\n      token: xoxb-test-token\n      channel: C0CHANNEL\n      api_base_url: ${slack.url}\n      threading: update\n`,
  );
  const herald = await createHerald({ config: join(dir, 'herald.yml'), cwd: dir, env: { PATH: process.env.PATH }, state: { stateDir: join(dir, 'state') }, context: { log: quiet, stdout: () => undefined } });
  const queue: NotificationEvent[] = [];
  let produced = 0;
  const started = performance.now();
  // The producer: 1,000 records spread over STREAM_MS, as a tool writes its log.
  const producer = (async () => {
    for (let n = 1; n <= EVENTS; n++) {
      queue.push(progress(n));
      produced = n;
      if (n % 10 === 0) await new Promise((r) => setTimeout(r, STREAM_MS / (EVENTS / 10)));
    }
  })();
  // The consumer, as the watch loop: everything queued goes out as one batch.
  const outcomes: Outcome[] = [];
  let batches = 0;
  while (produced < EVENTS || queue.length) {
    if (!queue.length) {
      await new Promise((r) => setTimeout(r, 5));
      continue;
    }
    batches++;
    outcomes.push(...(await herald.deliver(queue.splice(0))));
  }
  await producer;
  const wallMs = performance.now() - started;
  await herald.close();
  await slack.close();
  const [message] = slack.parents();
  const finalText = String(message?.body.text ?? '');
  const count = (name: string) => outcomes.filter((o) => o.outcome === name).length;
  const calls = Object.values(slack.calls).reduce((a, b) => a + b, 0);
  const correct = slack.parents().length === 1 && finalText.includes(`(${EVENTS}/${EVENTS} rows)`);
  console.log(`events ${EVENTS} over ${STREAM_MS / 1000} s in ${batches} batches: ${count('delivered')} delivered, ${count('superseded')} superseded, ${count('dead_lettered')} dead-lettered`);
  console.log(`API calls ${calls} (${Object.entries(slack.calls).map(([m, n]) => `${m} ${n}`).join(', ')}); messages in the channel ${slack.messages.size}; edits of the parent ${message?.edits ?? 0}`);
  console.log(`final message: ${JSON.stringify(finalText)} (${correct ? 'the last state' : 'NOT the last state'})`);
  console.log(`wall ${(wallMs / 1000).toFixed(1)} s (target < ${TARGET_MS / 1000} s): ${verdict(wallMs < TARGET_MS && correct)}`);
  console.log(`for comparison: one post per event at 1 call/s would take ~${EVENTS} s and leave ${EVENTS} messages`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
