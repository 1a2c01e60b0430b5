// `herald send`: events from flags, --payload-file (JSON, JSONL, or - for stdin) → every sink.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { describeRouting } from '../core/filters.js';
import { toPayload } from '../core/event.js';
import { collect, openHerald, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';
import { countOutcomes, isFailure, outcomeLine, type Outcome } from '../dispatch/outcome.js';
import { checkSinkIds, readEventBatch, readEvents, withEventOptions, type EventOptionFlags } from './event-options.js';
import { printRendered, renderedWithThreads } from './render.js';
import type { Herald } from '../herald.js';
import { toTargets } from './to-targets.js';
import { topCommand } from './command-index.js';
import { writeErr } from '../core/std-output.js';

// `exec` and `test` import checkSinkIds from here; it lives in event-options.ts now.
export { checkSinkIds } from './event-options.js';

export interface SendFlags extends CommonFlags, EventOptionFlags {
  dryRun?: boolean;
  strict?: boolean;
  out?: string;
  format?: string;
  to?: string[];
}

export function registerSend(program: Command): void {
  withCommonOptions(withEventOptions(topCommand(program, 'send')))
    .option('--dry-run', 'show what each sink would receive; send nothing, touch no state')
    .option('--format <format>', 'with --dry-run: json or markdown', 'json')
    .option('--strict', 'exit 1 when any delivery fails')
    .option('--out <file>', 'append the events to FILE as Herald JSONL instead of sending them')
    .option('--to <url>', 'send only to this service URL (slack://, tgram://, ntfys://…; repeatable; no config needed)', collect)
    .action(async (flags: SendFlags) => {
      process.exitCode = await runSend(flags);
    });
}

export async function runSend(flags: SendFlags): Promise<number> {
  // --out writes the events for a later job, so a dry run of it would silently write anyway.
  if (flags.out && flags.dryRun) throw new UsageError('--dry-run and --out cannot be combined', 'leave out --dry-run to write the events to the file, or --out to preview what each sink would receive');
  if (flags.out) {
    // Writing events for a later job needs no config and no state.
    const events = await readEvents(flags, process.env, process.cwd(), Date.now() / 1000);
    const path = resolve(process.cwd(), flags.out);
    try {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, events.map((e) => JSON.stringify(toPayload(e)) + '\n').join(''));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`--out ${flags.out}: cannot write (${code === 'EISDIR' ? 'it is a folder' : (code ?? (error as Error).message)})`, 'name a file to append the events to');
    }
    if (!flags.quiet) writeErr(`herald: wrote ${events.length} event(s) to ${flags.out}\n`);
    return 0;
  }
  // --to targets are sinks of their own, and the only ones addressed (with any --sink named too).
  const targets = toTargets(flags.to);
  const sinkIds = targets.length ? [...targets.map((t) => t.id as string), ...(flags.sink ?? [])] : flags.sink;
  const herald = await openHerald(flags, { allowDefault: true, sinks: targets });
  try {
    if (!herald.config.file && !targets.length) herald.ctx.log.info('no config found: using the built-in default (console and .herald/events.jsonl)');
    checkSinkIds(herald, flags.sink);
    const { events, problems } = await readEventBatch(flags, herald.ctx.env, herald.ctx.cwd, herald.ctx.clock.nowMs() / 1000);
    // A bad event in a batch is named at the end and makes the exit 2; the others go out.
    const reportProblems = (code: number) => {
      for (const problem of problems) herald.ctx.log.error(`${problem.message} (not sent)`);
      if (problems.length) herald.ctx.log.error(`${problems.length} event(s) not sent: fix them and send those again`);
      return problems.length ? 2 : code;
    };
    if (flags.dryRun) {
      printRendered(herald, await renderedWithThreads(herald, events, sinkIds), flags.format ?? 'json');
      return reportProblems(0);
    }
    const outcomes = await herald.deliver(events, {
      sinkIds,
      onOutcome: (o) => (flags.json ? printJsonLine(herald, outcomeLine(o)) : undefined),
    });
    if (!flags.json) reportOutcomes(herald, outcomes);
    return reportProblems(exitStatus(outcomes, Boolean(flags.strict)));
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
