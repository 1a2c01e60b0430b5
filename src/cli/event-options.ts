// The event flags `send` and `render` share (and `exec`/`test` check sink ids with): what one
// event is made of, or where to read many, and which sinks to address. Kept apart from both
// commands so neither imports the other.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { decodeUtf8, formatBytes, MAX_PAYLOAD_BYTES, readInputFile } from '../core/input-file.js';
import type { NotificationEvent } from '../core/event.js';
import { withConversation } from '../core/conversation.js';
import { eventFromFlags, parsePayloadText, type EventFlags } from '../sources/lifecycle.js';
import { schedulerDefaults } from '../sources/scheduler-env.js';
import type { Herald } from '../herald.js';
import { collect } from './common.js';

export interface EventOptionFlags extends EventFlags {
  payloadFile?: string;
  conversation?: string;
  sink?: string[];
}

export function withEventOptions(command: Command): Command {
  return command
    .option('--event <kind>', 'event kind (pre_task, post_task, pre_merge, post_merge, pre_spawn, post_spawn, synthetic, or any)', 'post_task')
    .option('--severity <level>', 'info, warning, error or critical (default: derived from --outcome)')
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
    .option('--sink <id>', 'only this sink (repeatable)', collect)
    .option('--conversation <key>', 'living messages: the conversation the event belongs to (default: run id + task id)');
}

export async function readEvents(flags: EventOptionFlags, env: Record<string, string | undefined>, cwd: string, nowSeconds: number, extraLabels: Record<string, string> = {}): Promise<NotificationEvent[]> {
  const { events, problems } = await readEventBatch(flags, env, cwd, nowSeconds, extraLabels);
  if (problems.length) throw problems[0]!;
  return events;
}

/** The events, and a problem per bad event in a payload file (the good ones still come back). */
export async function readEventBatch(flags: EventOptionFlags, env: Record<string, string | undefined>, cwd: string, nowSeconds: number, extraLabels: Record<string, string> = {}): Promise<{ events: NotificationEvent[]; problems: UsageError[] }> {
  const batch = await readEventsAsGiven(flags, env, cwd, nowSeconds, extraLabels);
  return flags.conversation === undefined ? batch : { ...batch, events: batch.events.map((e) => withConversation(e, flags.conversation)) };
}

async function readEventsAsGiven(flags: EventOptionFlags, env: Record<string, string | undefined>, cwd: string, nowSeconds: number, extraLabels: Record<string, string>): Promise<{ events: NotificationEvent[]; problems: UsageError[] }> {
  // In a batch job, the job's identity labels the event and is its default task id.
  if (!flags.payloadFile) return { events: [eventFromFlags(flags, env, nowSeconds, { ...schedulerDefaults(env), ...extraLabels })], problems: [] };
  const source = flags.payloadFile === '-' ? 'stdin' : flags.payloadFile;
  const fail = (message: string, fix?: string) => new UsageError(`cannot read --payload-file ${source}: ${message}`, fix);
  const text = flags.payloadFile === '-' ? await readStdin(fail) : (await readInputFile(resolve(cwd, flags.payloadFile), { what: 'payload file', maxBytes: MAX_PAYLOAD_BYTES, fail }))!;
  const batch = parsePayloadText(text, source, nowSeconds);
  // Nothing to deliver: the first problem is the error, as before.
  if (!batch.events.length) throw batch.problems[0]!;
  return batch;
}

async function readStdin(fail: (message: string, fix?: string) => Error): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of process.stdin) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_PAYLOAD_BYTES) throw fail(`more than ${formatBytes(MAX_PAYLOAD_BYTES)} on stdin`, 'split the events into several sends');
    chunks.push(chunk as Buffer);
  }
  return decodeUtf8(Buffer.concat(chunks), (line) => fail(`not valid UTF-8 (line ${line})`));
}

export function checkSinkIds(herald: Herald, ids: readonly string[] | undefined): void {
  const known = herald.config.sinks.map((s) => s.config.id);
  for (const id of ids ?? []) {
    if (!known.includes(id)) {
      throw new UsageError(`sink '${id}' not found in ${herald.config.file ?? 'the default config'}`, `available: ${known.join(', ') || '(none)'}`);
    }
  }
}
