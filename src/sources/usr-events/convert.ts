// The one converter from a USR record to what the pipeline carries (reference §4.1 steps 3–8):
// filters, actor checks, the tool-event pack (status, message, throttling), the notify payload and
// the NotificationEvent. `herald watch` and the action's `events-file` both use it, so a record is
// the same event whichever door it came through.
//
// Conversion is two synchronous steps around the pack state, which the caller loads (from the
// state store for a watcher, from memory for a file read once): most records have no pack state,
// and a catch-up converts a million of them.
import type { NotificationEvent } from '../../core/event.js';
import { constructEventOwner } from './construct-scope.js';
import { parseRecordText } from './json.js';
import { eventTimeSeconds, isDigit } from './numbers.js';
import { handlerFor } from './packs/index.js';
import { obj, type ProgressSettings, type RunState, type ToolEventHandler } from './packs/types.js';
import { buildPayload, echoRecord, genericMessage, pythonUtcNow, type NotifyPayload, type PayloadOptions } from './payload.js';
import { genericStatus, isTerminal } from './status.js';
import { usrToEvent } from './to-event.js';
import type { UsrRecord } from './validate.js';

export interface ConvertOptions {
  onlyActions?: readonly string[];
  onlyTools?: readonly string[];
  /** A selected construct project's run id: other projects' events are skipped (§10 #5). */
  constructRunId?: string;
  toolOverride?: string;
  runIdOverride?: string;
  /** Replaces every event's message (--message). */
  message?: string;
  include: PayloadOptions;
  progress: ProgressSettings;
}

/** A record that passed the filters: who wrote it, and the pack that speaks for its action. */
export interface Admitted {
  record: UsrRecord;
  tool: string;
  runId: string;
  handler: ToolEventHandler | undefined;
  /** The pack state bucket to load before `finish`, if the handler keeps one. */
  bucket: string | null;
}

export interface Converted {
  record: UsrRecord;
  status: string;
  terminal: boolean;
  payload: NotifyPayload;
  /** The pack state after this record, to keep once the record is handled. */
  packState?: { bucket: string; runId: string; state: RunState };
}

/** A record whose actor lacks what the payload needs and no override supplies it. */
export class MissingActorError extends Error {
  constructor(readonly field: 'tool' | 'run_id') {
    super(`event missing actor.${field}`);
  }
}

export class UsrConverter {
  private readonly actions: Set<string>;
  private readonly tools: Set<string>;

  constructor(private readonly o: ConvertOptions) {
    this.actions = new Set(o.onlyActions ?? []);
    this.tools = new Set(o.onlyTools ?? []);
  }

  /** Undefined when a filter skips the record; throws MissingActorError. */
  admit(record: UsrRecord): Admitted | undefined {
    const actor = obj(record.actor);
    if (this.actions.size && !this.actions.has(record.action)) return undefined;
    if (this.tools.size && !(typeof actor.tool === 'string' && this.tools.has(actor.tool))) return undefined;
    if (this.o.constructRunId && constructEventOwner(actor, this.o.constructRunId) === 'other-project') return undefined;
    // dnadesign checks `not tool`: a truthy non-string (7) is delivered as it is written.
    const tool = this.o.toolOverride ?? (nonEmpty(actor.tool) || truthyNonString(actor.tool) ? (actor.tool as string) : undefined);
    if (tool === undefined) throw new MissingActorError('tool');
    const runId = this.o.runIdOverride ?? (nonEmpty(actor.run_id) ? actor.run_id : undefined);
    if (runId === undefined) throw new MissingActorError('run_id');
    const handler = handlerFor(record.action);
    return { record, tool, runId, handler, bucket: handler?.bucket ?? null };
  }

  /**
   * The payload and status, or undefined when the pack suppresses the record (its state still
   * changes: see `suppressed`). Throws PackError for a record the pack finds invalid.
   * `rowsWrittenFloat`: false when the caller knows the line spells no rows_written as a float.
   */
  finish(a: Admitted, text: string, state: RunState | undefined, nowMs: number, rowsWrittenFloat = true): Converted | { suppressed: { bucket: string; runId: string; state: RunState } | undefined } {
    const { record, handler } = a;
    let status: string;
    let message: string | null;
    let packState: Converted['packState'];
    if (handler) {
      const input = { record, runId: a.runId, now: eventTimeSeconds(record.timestamp_utc, nowMs), settings: this.o.progress, state: state ?? {} };
      const evaluation = handler.evaluate(input);
      packState = a.bucket ? { bucket: a.bucket, runId: a.runId, state: input.state } : undefined;
      if (!evaluation.emit) return { suppressed: packState };
      status = handler.status(input) ?? genericStatus(record.action);
      message = this.o.message ?? handler.message(exactCounts(input, text), evaluation);
    } else {
      // A record no pack speaks for (most of a catch-up's imports): no pack input to build.
      status = genericStatus(record.action);
      message = this.o.message ?? null;
    }
    const echo = echoRecord(record, text, this.o.include, rowsWrittenFloat);
    const payload = buildPayload({ record, echo, status, tool: a.tool, runId: a.runId, message: message ?? genericMessage(record, echo), options: this.o.include, nowIso: () => pythonUtcNow(nowMs) });
    const converted: Converted = { record, status, terminal: isTerminal(status), payload };
    if (packState) converted.packState = packState;
    return converted;
  }
}

/** The converted record as a pipeline event; `eventId` is the line's hash (identity.ts). */
export function convertedEvent(c: Converted, eventId: string, nowMs: number): NotificationEvent {
  return usrToEvent(c.record, c.payload, eventId, nowMs);
}

/**
 * A pack message prints counts as Python's int() does, exactly: a line holding an integer beyond
 * 2^53 is re-parsed losslessly for the message (the slow path, for such lines only).
 */
function exactCounts<T extends { record: UsrRecord }>(input: T, text: string): T {
  return hasSixteenDigits(text) ? { ...input, record: parseRecordText(text, { keepFloats: true }) as UsrRecord } : input;
}

/**
 * /\d{16}/.test(text), without the regex's retry at every digit of every shorter run: 16 digits in
 * a row always cover one of the positions 15, 31, 47, …, so only those are probed, and a digit
 * found there is widened to its whole run.
 */
export function hasSixteenDigits(text: string): boolean {
  const n = text.length;
  for (let i = 15; i < n; i += 16) {
    if (!isDigit(text.charCodeAt(i))) continue;
    let start = i;
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < n && isDigit(text.charCodeAt(end))) end++;
    // A shorter run ends before the next probe.
    if (end - start >= 16) return true;
  }
  return false;
}

function truthyNonString(v: unknown): boolean {
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.length > 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length > 0;
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}
