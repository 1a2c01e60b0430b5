export declare const LIFECYCLE_KINDS: readonly ["pre_task", "post_task", "pre_merge", "post_merge", "pre_spawn", "post_spawn", "synthetic"];
export declare const SEVERITIES: readonly ["info", "warning", "error", "critical"];
export type Severity = (typeof SEVERITIES)[number];
export type JsonValue = string | number | boolean | null | JsonValue[] | {
    [key: string]: JsonValue;
};
export interface NotificationEvent {
    event_id: string;
    kind: string;
    title: string;
    body: string;
    severity: Severity;
    task_id: string | null;
    session_id: string | null;
    run_id: string | null;
    timestamp: number;
    labels: Record<string, string>;
    details: Record<string, JsonValue>;
}
/** The payload in Bernstein's key order, with shallow copies so changing it leaves the event alone. */
export declare function toPayload(event: NotificationEvent): NotificationEvent;
/**
 * The payload as Bernstein's Python writes it on the wire (webhook body, shell stdin, files):
 * `timestamp` is a float, so a whole second prints `1764482401.0` (reference §1.1, §10.20).
 */
export declare function pythonPayload(event: NotificationEvent): Record<string, unknown>;
export declare function isSeverity(value: unknown): value is Severity;
/**
 * Severity from an outcome word, as Bernstein derives it from BERNSTEIN_TASK_OUTCOME (§5.3),
 * extended with GitHub's job statuses (failure, cancelled) and Herald's own (success, timed_out).
 */
export declare function severityFromOutcome(outcome: string | undefined | null, kind: string): Severity;
/**
 * Bernstein's stable id: sha256("<kind>|<task>|<session>|<ts to 3 decimals>")[:32], with the
 * timestamp formatted as Python's "%.3f" would (half-to-even on the exact binary value).
 */
export declare function deriveEventId(kind: string, taskId: string | null, sessionId: string | null, timestamp: number): string;
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
/** Builds a complete event, filling the title, severity and id as Bernstein's bridge would. */
export declare function buildEvent(input: EventInput, nowSeconds: number): NotificationEvent;
/** The latest time every sink can format (Date's range ends in 275760; Python's datetime in 9999). */
export declare const MAX_TIMESTAMP_SECONDS = 253402300799;
/** Why a unix-seconds timestamp cannot be an event's time, or undefined when it can. */
export declare function timestampProblem(seconds: number): string | undefined;
/** How deeply an event's details may nest: far past any real payload, far short of the stack. */
export declare const MAX_DETAILS_DEPTH = 64;
/** Whether a JSON value nests deeper than `limit` (checked without recursion). */
export declare function nestsDeeperThan(value: unknown, limit: number): boolean;
