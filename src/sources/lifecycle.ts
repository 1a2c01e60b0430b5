// Lifecycle events from flags, from a JSON file, or from JSON/JSONL on stdin (`herald send`).
import * as z from '../core/zod.js';
import { buildEvent, isSeverity, MAX_DETAILS_DEPTH, nestsDeeperThan, SEVERITIES, timestampProblem, type EventInput, type JsonValue, type NotificationEvent } from '../core/event.js';
import { UsageError } from '../core/errors.js';
import { DEFAULT_TASK_ID_KEY } from './scheduler-env.js';
import { parseRecordText } from './usr-events/json.js';
import { plainEventInput } from './plain-event-input.js';

// Built on first use: a command given its event in flags (most `send`s) never builds it.
let built: ReturnType<typeof buildEventInputSchema> | undefined;

/** One event as given in a payload file: the 11-key payload, any key optional but `kind`. */
export const eventInputSchema = () => (built ??= buildEventInputSchema());

function buildEventInputSchema() {
  const JsonValueSchema: z.ZodMiniType<JsonValue> = z.lazy(() =>
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
  );
  return z.strictObject({
    event_id: z.optional(z.string()),
    kind: z.string().check(z.minLength(1)),
    title: z.optional(z.string()),
    body: z.optional(z.string()),
    severity: z.optional(z.enum(SEVERITIES)),
    outcome: z.optional(z.string()),
    task_id: z.optional(z.nullable(z.string())),
    session_id: z.optional(z.nullable(z.string())),
    run_id: z.optional(z.nullable(z.string())),
    timestamp: z.optional(z.number()).check(
      z.superRefine((ts, ctx) => {
        const problem = ts === undefined ? undefined : timestampProblem(ts);
        if (problem) ctx.addIssue({ code: 'custom', message: `${problem}, got ${ts}` });
      }),
    ),
    labels: z.optional(z.record(z.string(), z.pipe(z.union([z.string(), z.number(), z.boolean()]), z.transform(String)))),
    details: z.optional(z.record(z.string(), JsonValueSchema)),
  });
}

/** Parses `key=value` pairs from repeatable flags. */
export function parsePairs(pairs: readonly string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} expects key=value, got '${pair}'`, `for example: ${flag} team=platform`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

export interface EventFlags {
  event?: string;
  severity?: string;
  outcome?: string;
  title?: string;
  body?: string;
  taskId?: string;
  sessionId?: string;
  runId?: string;
  eventId?: string;
  timestamp?: string;
  label?: string[];
  detail?: string[];
}

/**
 * `extraLabels` are defaults under the flags' own labels (scheduler labels, say); its key
 * DEFAULT_TASK_ID_KEY is the task id used when --task-id is not given.
 */
export function eventFromFlags(flags: EventFlags, env: Record<string, string | undefined>, nowSeconds: number, extraLabels: Record<string, string> = {}): NotificationEvent {
  if (flags.severity !== undefined && !isSeverity(flags.severity)) {
    throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')} (got '${flags.severity}')`);
  }
  let timestamp: number | undefined;
  if (flags.timestamp !== undefined) {
    timestamp = Number(flags.timestamp);
    const problem = flags.timestamp.trim() === '' ? 'must be a number' : timestampProblem(timestamp);
    if (problem) throw new UsageError(`--timestamp ${problem}, got '${flags.timestamp}'`);
  }
  if (flags.event !== undefined && flags.event.trim() === '') throw new UsageError("--event must not be empty", 'give an event kind such as post_task, or leave --event out');
  const input: EventInput = {
    kind: flags.event ?? 'post_task',
    title: flags.title,
    body: flags.body,
    severity: flags.severity as EventInput['severity'],
    outcome: flags.outcome ?? env.HERALD_TASK_OUTCOME ?? env.BERNSTEIN_TASK_OUTCOME,
    event_id: flags.eventId ?? (env.HERALD_EVENT_ID || env.BERNSTEIN_NOTIFY_EVENT_ID || undefined),
    task_id: flags.taskId ?? extraLabels[DEFAULT_TASK_ID_KEY] ?? null,
    session_id: flags.sessionId ?? null,
    run_id: flags.runId ?? env.HERALD_RUN_ID ?? env.BERNSTEIN_RUN_ID ?? null,
    timestamp,
    labels: { ...withoutInternal(extraLabels), ...parsePairs(flags.label, '--label') },
    details: parsePairs(flags.detail, '--detail'),
  };
  return buildEvent(input, nowSeconds);
}

function withoutInternal(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (!k.startsWith('__')) out[k] = v;
  return out;
}

/** One JSON event, a JSON array of events, or JSONL; each line must be an event object. */
export function eventsFromPayloadText(text: string, source: string, nowSeconds: number): NotificationEvent[] {
  const { events, problems } = parsePayloadText(text, source, nowSeconds);
  if (problems.length) throw problems[0]!;
  return events;
}

/**
 * The same, event by event: a bad event is a problem naming its place and field, and the good
 * ones are still returned, so one bad event in a batch does not hold back the rest (issue 13 #4).
 */
export function parsePayloadText(text: string, source: string, nowSeconds: number): { events: NotificationEvent[]; problems: UsageError[] } {
  const trimmed = text.trim();
  if (!trimmed) throw new UsageError(`${source} holds no events`, 'give one JSON event, or one event per line (JSONL)');
  const problems: UsageError[] = [];
  // `where` names the event: its number in the batch, and its line in JSONL.
  let items: { value: unknown; exact?: unknown; where: string }[];
  try {
    const whole = JSON.parse(trimmed) as unknown;
    const exact = exactNumbers(trimmed);
    const exactItems = Array.isArray(exact) ? exact : [exact];
    items = Array.isArray(whole) ? whole.map((value, i) => ({ value, exact: exactItems[i], where: `${source}: event ${i + 1}` })) : [{ value: whole, exact, where: `${source}:1` }];
  } catch {
    items = [];
    const lines = text.split('\n');
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.trim()) continue;
      n++;
      const where = `${source}:${i + 1}: event ${n}`;
      try {
        items.push({ value: JSON.parse(lines[i]!), exact: exactNumbers(lines[i]!), where });
      } catch (error) {
        const why = error instanceof RangeError ? 'nested too deeply' : (error as Error).message;
        problems.push(new UsageError(`${where}: not valid JSON (${why})`, 'each line must be one JSON event object'));
      }
    }
  }
  const events: NotificationEvent[] = [];
  for (const { value, exact, where } of items) {
    // Most events are plainly valid (and not too deep); the others go through the full checks.
    const plain = plainEventInput(value, MAX_DETAILS_DEPTH + 1);
    // Checked before the schema, whose recursive walk a 10,000-deep payload would overflow.
    if (!plain && nestsDeeperThan(value, MAX_DETAILS_DEPTH + 1)) {
      problems.push(new UsageError(`${where}: the event nests deeper than ${MAX_DETAILS_DEPTH} levels`, 'flatten its details'));
      continue;
    }
    const parsed = plain ? { success: true as const, data: plain } : eventInputSchema().safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(event)');
      problems.push(new UsageError(`${where}: ${key}: ${issue.message}`, 'an event needs at least "kind"; see `herald send --help` for the keys'));
      continue;
    }
    const event = buildEvent(parsed.data as EventInput, nowSeconds);
    // Details keep their numbers as written: `1.0` stays a float, 2^53+1 stays exact (issue 13 #8).
    const details = (exact as { details?: unknown } | undefined)?.details;
    if (details && typeof details === 'object' && !Array.isArray(details)) event.details = details as Record<string, JsonValue>;
    events.push(event);
  }
  return { events, problems };
}

/**
 * The text parsed keeping Python number spellings, when it has any (a whole float, a long integer)
 * and details to keep them in: only details are taken from it, and most events carry a float
 * timestamp, which must not send every line through the slower parser.
 */
function exactNumbers(text: string): unknown {
  if (!text.includes('"details"') || !/\d\.\d|\d[eE]|\d{16}/.test(text)) return undefined;
  try {
    return parseRecordText(text, { keepFloats: true });
  } catch {
    return undefined;
  }
}
