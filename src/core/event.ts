// The one internal event. Its JSON form is Bernstein's `to_payload()`: eleven keys, this order
// (reference/lifecycle-notifications.md §1.1).
import { PyFloat, pythonFixed } from './python-format.js';
import { sha256Hex } from './sha256.js';

export const LIFECYCLE_KINDS = [
  'pre_task', 'post_task', 'pre_merge', 'post_merge', 'pre_spawn', 'post_spawn', 'synthetic',
] as const;
// `critical` is Bernstein's too: its event does not validate severity and its legacy PagerDuty
// mapping uses it (reference §1.1, §7.3); each sink maps it (docs/sinks.md "Severities").
export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;

export type Severity = (typeof SEVERITIES)[number];
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface NotificationEvent {
  event_id: string;
  kind: string; // open: lifecycle kinds are built in; USR records keep their action
  title: string;
  body: string;
  severity: Severity;
  task_id: string | null;
  session_id: string | null;
  run_id: string | null;
  timestamp: number; // unix seconds
  labels: Record<string, string>;
  details: Record<string, JsonValue>;
}

/** The payload in Bernstein's key order, with shallow copies so changing it leaves the event alone. */
export function toPayload(event: NotificationEvent): NotificationEvent {
  return {
    event_id: event.event_id,
    kind: event.kind,
    title: event.title,
    body: event.body,
    severity: event.severity,
    task_id: event.task_id,
    session_id: event.session_id,
    run_id: event.run_id,
    timestamp: event.timestamp,
    labels: { ...event.labels },
    details: { ...event.details },
  };
}

/**
 * The payload as Bernstein's Python writes it on the wire (webhook body, shell stdin, files):
 * `timestamp` is a float, so a whole second prints `1764482401.0` (reference §1.1, §10.20).
 */
export function pythonPayload(event: NotificationEvent): Record<string, unknown> {
  return { ...toPayload(event), timestamp: new PyFloat(event.timestamp) };
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/**
 * Severity from an outcome word, as Bernstein derives it from BERNSTEIN_TASK_OUTCOME (§5.3),
 * extended with GitHub's job statuses (failure, cancelled) and Herald's own (success, timed_out).
 */
export function severityFromOutcome(outcome: string | undefined | null, kind: string): Severity {
  const word = (outcome ?? '').trim().toLowerCase();
  if (['failed', 'error', 'failure', 'timed_out', 'timeout'].includes(word)) return 'error';
  if (['warning', 'warn', 'cancelled', 'canceled', 'killed'].includes(word)) return 'warning';
  if (word === 'rolled_back' && (kind === 'post_task' || kind === 'post_merge')) return 'warning';
  return 'info';
}

/**
 * Bernstein's stable id: sha256("<kind>|<task>|<session>|<ts to 3 decimals>")[:32], with the
 * timestamp formatted as Python's "%.3f" would (half-to-even on the exact binary value).
 */
export function deriveEventId(kind: string, taskId: string | null, sessionId: string | null, timestamp: number): string {
  const source = `${kind}|${taskId ?? ''}|${sessionId ?? ''}|${pythonFixed(timestamp, 3)}`;
  return sha256Hex(source).slice(0, 32);
}

export interface EventInput {
  kind: string;
  title?: string;
  body?: string;
  severity?: Severity;
  outcome?: string;
  event_id?: string;
  task_id?: string | null;
  session_id?: string | null;
  run_id?: string | null;
  timestamp?: number;
  labels?: Record<string, string>;
  details?: Record<string, JsonValue>;
}

const BASE_TITLES: Record<string, string> = {
  pre_task: 'Task starting',
  post_task: 'Task finished',
  pre_merge: 'Merge starting',
  post_merge: 'Merge finished',
  pre_spawn: 'Agent spawning',
  post_spawn: 'Agent spawned',
  synthetic: 'Synthetic event',
};

/** Builds a complete event, filling the title, severity and id as Bernstein's bridge would. */
export function buildEvent(input: EventInput, nowSeconds: number): NotificationEvent {
  const taskId = input.task_id ?? null;
  const sessionId = input.session_id ?? null;
  const timestamp = input.timestamp ?? nowSeconds;
  const base = BASE_TITLES[input.kind] ?? input.kind;
  const subject = taskId ?? sessionId;
  const title = input.title ?? (subject ? `${base}: ${subject}` : base);
  const severity = input.severity ?? severityFromOutcome(input.outcome, input.kind);
  const eventId = input.event_id ?? deriveEventId(input.kind, taskId, sessionId, timestamp);
  return {
    event_id: eventId,
    kind: input.kind,
    title,
    body: input.body ?? '',
    severity,
    task_id: taskId,
    session_id: sessionId,
    run_id: input.run_id ?? null,
    timestamp,
    labels: { ...(input.labels ?? {}) },
    details: { ...(input.details ?? {}) },
  };
}

/** The latest time every sink can format (Date's range ends in 275760; Python's datetime in 9999). */
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z

/** Why a unix-seconds timestamp cannot be an event's time, or undefined when it can. */
export function timestampProblem(seconds: number): string | undefined {
  if (!Number.isFinite(seconds)) return 'must be a finite number of unix seconds';
  if (seconds < 0 || seconds > MAX_TIMESTAMP_SECONDS) return `must be unix seconds between 0 and ${MAX_TIMESTAMP_SECONDS} (year 9999)`;
  return undefined;
}

/** How deeply an event's details may nest: far past any real payload, far short of the stack. */
export const MAX_DETAILS_DEPTH = 64;

/** Whether a JSON value nests deeper than `limit` (checked without recursion). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: v, depth } = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
