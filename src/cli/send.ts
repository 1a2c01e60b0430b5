// `herald send`: events from flags, --payload-file (JSON, JSONL, or - for stdin) → every sink.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { toPayload, type NotificationEvent } from '../core/event.js';
import { eventFromFlags, eventsFromPayloadText, type EventFlags } from '../sources/lifecycle.js';
import { schedulerDefaults } from '../sources/scheduler-env.js';
import { collect, openHerald, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';
import { countOutcomes, isFailure, outcomeLine, type Outcome } from '../dispatch/outcome.js';
import { printRendered } from './render.js';
import type { Herald } from '../herald.js';

export interface SendFlags extends CommonFlags, EventFlags {
  payloadFile?: string;
  sink?: string[];
  dryRun?: boolean;
  strict?: boolean;
  out?: string;
  format?: string;
}

export function withEventOptions(command: Command): Command {
  return command
    .option('--event <kind>', 'event kind (pre_task, post_task, pre_merge, post_merge, pre_spawn, post_spawn, synthetic, or any)', 'post_task')
    .option('--severity <level>', 'info, warning or error (default: derived from --outcome)')
    .option('--outcome <word>', 'failed/error → error, warning/cancelled → warning, otherwise info')
    .option('--title <text>', 'headline (default: "Task finished: <task>" and so on)')
    .option('--body <text>', 'details, several lines allowed')
    .option('--task-id <id>')
    .option('--session-id <id>')
    .option('--run-id <id>')
    .option('--event-id <id>', 'stable id for dedup (default: derived from kind, task, session and time; HERALD_EVENT_ID)')
    .option('--timestamp <unix-seconds>', 'event time (default: now)')
    .option('--label <k=v>', 'label (repeatable)', collect)
    .option('--detail <k=v>', 'detail (repeatable)', collect)
    .option('--payload-file <path|->', 'one JSON event, a JSON array, or JSONL of events; - reads stdin')
    .option('--sink <id>', 'only this sink (repeatable)', collect);
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

export async function readEvents(flags: SendFlags, env: Record<string, string | undefined>, cwd: string, nowSeconds: number, extraLabels: Record<string, string> = {}): Promise<NotificationEvent[]> {
  // In a batch job, the job's identity labels the event and is its default task id.
  if (!flags.payloadFile) return [eventFromFlags(flags, env, nowSeconds, { ...schedulerDefaults(env), ...extraLabels })];
  const source = flags.payloadFile === '-' ? 'stdin' : flags.payloadFile;
  let text: string;
  try {
    text = flags.payloadFile === '-' ? await readStdin() : await readFile(resolve(cwd, flags.payloadFile), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --payload-file ${source} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return eventsFromPayloadText(text, source, nowSeconds);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
      printRendered(herald, herald.dispatcher.renderAll(events, flags.sink), flags.format ?? 'json');
      return 0;
    }
    const outcomes = await herald.dispatcher.dispatch(events, {
      sinkIds: flags.sink,
      onOutcome: (o) => (flags.json ? printJsonLine(herald, outcomeLine(o)) : undefined),
    });
    if (!flags.json) reportOutcomes(herald, outcomes);
    return exitStatus(outcomes, Boolean(flags.strict));
  } finally {
    await herald.close();
  }
}

export function checkSinkIds(herald: Herald, ids: readonly string[] | undefined): void {
  const known = herald.config.sinks.map((s) => s.config.id);
  for (const id of ids ?? []) {
    if (!known.includes(id)) {
      throw new UsageError(`sink '${id}' not found in ${herald.config.file ?? 'the default config'}`, `available: ${known.join(', ') || '(none)'}`);
    }
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
    herald.ctx.log[o.outcome === 'deduplicated' ? 'info' : 'warn'](`${o.sink_id} ${o.outcome} ${o.event_id}${detail}`);
  }
  const counts = countOutcomes(outcomes);
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  herald.ctx.log.info(parts.length ? parts.join(', ') : 'no sinks configured');
}
