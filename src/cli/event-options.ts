// The event flags `send` and `render` share (and `exec`/`test` check sink ids with): what one
// event is made of, or where to read many, and which sinks to address. Kept apart from both
// commands so neither imports the other.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';
import { withConversation } from '../core/conversation.js';
import { eventFromFlags, eventsFromPayloadText, type EventFlags } from '../sources/lifecycle.js';
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
    .option('--sink <id>', 'only this sink (repeatable)', collect)
    .option('--conversation <key>', 'living messages: the conversation the event belongs to (default: run id + task id)');
}

export async function readEvents(flags: EventOptionFlags, env: Record<string, string | undefined>, cwd: string, nowSeconds: number, extraLabels: Record<string, string> = {}): Promise<NotificationEvent[]> {
  const events = await readEventsAsGiven(flags, env, cwd, nowSeconds, extraLabels);
  return flags.conversation === undefined ? events : events.map((e) => withConversation(e, flags.conversation));
}

async function readEventsAsGiven(flags: EventOptionFlags, env: Record<string, string | undefined>, cwd: string, nowSeconds: number, extraLabels: Record<string, string>): Promise<NotificationEvent[]> {
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

export function checkSinkIds(herald: Herald, ids: readonly string[] | undefined): void {
  const known = herald.config.sinks.map((s) => s.config.id);
  for (const id of ids ?? []) {
    if (!known.includes(id)) {
      throw new UsageError(`sink '${id}' not found in ${herald.config.file ?? 'the default config'}`, `available: ${known.join(', ') || '(none)'}`);
    }
  }
}
