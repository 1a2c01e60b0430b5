// `herald send`: events from flags, --payload-file (JSON, JSONL, or - for stdin) → every sink.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { describeRouting } from '../core/filters.js';
import { toPayload } from '../core/event.js';
import { openHerald, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';
import { countOutcomes, isFailure, outcomeLine, type Outcome } from '../dispatch/outcome.js';
import { checkSinkIds, readEvents, withEventOptions, type EventOptionFlags } from './event-options.js';
import { printRendered, renderedWithThreads } from './render.js';
import type { Herald } from '../herald.js';

// `exec` and `test` import checkSinkIds from here; it lives in event-options.ts now.
export { checkSinkIds } from './event-options.js';

export interface SendFlags extends CommonFlags, EventOptionFlags {
  dryRun?: boolean;
  strict?: boolean;
  out?: string;
  format?: string;
}

export function registerSend(program: Command): void {
  withCommonOptions(withEventOptions(program.command('send').description('send events to every configured sink whose filters match')))
    .option('--dry-run', 'show what each sink would receive; send nothing, touch no state')
    .option('--format <format>', 'with --dry-run: json or markdown', 'json')
    .option('--strict', 'exit 1 when any delivery fails')
    .option('--out <file>', 'append the events to FILE as Herald JSONL instead of sending them')
    .action(async (flags: SendFlags) => {
      process.exitCode = await runSend(flags);
    });
}

export async function runSend(flags: SendFlags): Promise<number> {
  if (flags.out) {
    // Writing events for a later job needs no config and no state.
    const events = await readEvents(flags, process.env, process.cwd(), Date.now() / 1000);
    const path = resolve(process.cwd(), flags.out);
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, events.map((e) => JSON.stringify(toPayload(e)) + '\n').join(''));
    if (!flags.quiet) process.stderr.write(`herald: wrote ${events.length} event(s) to ${flags.out}\n`);
    return 0;
  }
  const herald = await openHerald(flags, { allowDefault: true });
  try {
    if (!herald.config.file) herald.ctx.log.info('no config found: using the built-in default (console and .herald/events.jsonl)');
    checkSinkIds(herald, flags.sink);
    const events = await readEvents(flags, herald.ctx.env, herald.ctx.cwd, herald.ctx.clock.nowMs() / 1000);
    if (flags.dryRun) {
      printRendered(herald, await renderedWithThreads(herald, events, flags.sink), flags.format ?? 'json');
      return 0;
    }
    const outcomes = await herald.deliver(events, {
      sinkIds: flags.sink,
      onOutcome: (o) => (flags.json ? printJsonLine(herald, outcomeLine(o)) : undefined),
    });
    if (!flags.json) reportOutcomes(herald, outcomes);
    return exitStatus(outcomes, Boolean(flags.strict));
  } finally {
    await herald.close();
  }
}

/** 1 when a required sink (or, with --strict, any sink) failed; 0 otherwise. */
export function exitStatus(outcomes: readonly Outcome[], strict: boolean): number {
  return outcomes.some((o) => isFailure(o) && (strict || o.required)) ? 1 : 0;
}

export function reportOutcomes(herald: Herald, outcomes: readonly Outcome[]): void {
  for (const o of outcomes) {
    if (o.outcome === 'filtered' || o.outcome === 'delivered') continue;
    const detail = o.error ? `: ${o.error}` : '';
    herald.ctx.log[o.outcome === 'deduplicated' || o.outcome === 'superseded' ? 'info' : 'warn'](`${o.sink_id} ${o.outcome} ${o.event_id}${detail}`);
  }
  const counts = countOutcomes(outcomes);
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  herald.ctx.log.info(parts.length ? parts.join(', ') : 'no sinks configured');
  // "2 filtered" alone does not say who did not get the event, or why.
  const filtered = [...new Set(outcomes.filter((o) => o.outcome === 'filtered').map((o) => o.sink_id))];
  for (const id of filtered) {
    const sink = herald.config.sinks.find((s) => s.config.id === id);
    if (sink) herald.ctx.log.info(`filtered by ${id}: ${describeRouting(sink.config)}`);
  }
  if (outcomes.length && outcomes.every((o) => o.outcome === 'filtered')) herald.ctx.log.warn('no sink took these events: every sink\'s filters excluded them');
}
