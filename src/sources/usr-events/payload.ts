// The unformatted notify payload (reference §5.4): what `generic` posts and what is spooled.
import type { UsrRecord } from './validate.js';
import { obj } from './packs/types.js';
import { pyStr } from './numbers.js';
import { parseRecordText } from './json.js';

export interface PayloadOptions {
  includeArgs: boolean;
  includeContext: boolean;
  includeRawEvent: boolean;
}

export type NotifyPayload = Record<string, unknown> & { status: string; tool: string; run_id: string; timestamp: string; meta: Record<string, unknown>; message?: string };

/** `<action> on <dataset>` plus ` (rows_written=<v>)` (§5.3), with Python's str() of the value. */
export function genericMessage(record: UsrRecord, echo: UsrRecord): string {
  const name = obj(record.dataset).name;
  let text = `${record.action} on ${typeof name === 'string' && name ? name : 'unknown-dataset'}`;
  const metrics = obj(echo.metrics);
  // dnadesign adds it when present and not None.
  if (metrics.rows_written !== undefined && metrics.rows_written !== null) text += ` (rows_written=${pyStr(metrics.rows_written)})`;
  return text;
}

export function buildPayload(input: {
  record: UsrRecord;
  /** The same record parsed keeping Python float spellings, for what is echoed back. */
  echo: UsrRecord;
  status: string;
  tool: string;
  runId: string;
  message: string | null;
  options: PayloadOptions;
  nowIso: () => string;
}): NotifyPayload {
  const { echo, options } = input;
  const dataset = obj(echo.dataset);
  const actor = obj(echo.actor);
  const meta: Record<string, unknown> = {
    usr_event_version: echo.event_version ?? null,
    usr_action: echo.action ?? null,
    usr_dataset_name: dataset.name ?? null,
    usr_fingerprint: echo.fingerprint ?? null,
    usr_registry_hash: echo.registry_hash ?? null,
    usr_timestamp: echo.timestamp_utc ?? null,
  };
  if (options.includeContext) meta.usr_dataset_root = dataset.root ?? null;
  if (options.includeArgs) meta.usr_args = echo.args ?? null;
  if (options.includeRawEvent) meta.usr_event = echo;
  const payload: NotifyPayload = {
    status: input.status,
    tool: input.tool,
    run_id: input.runId,
    timestamp: typeof echo.timestamp_utc === 'string' ? echo.timestamp_utc : input.nowIso(),
    meta,
  };
  if (options.includeContext && actor.host !== undefined && actor.host !== null) payload.host = actor.host;
  if (options.includeContext && dataset.root !== undefined && dataset.root !== null) payload.cwd = dataset.root;
  if (input.message) payload.message = input.message;
  if (echo.version) payload.version = echo.version;
  return payload;
}

/** Python's datetime.now(timezone.utc).isoformat(): microseconds and +00:00. */
export function pythonUtcNow(nowMs: number): string {
  return new Date(nowMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/**
 * The record to echo into the payload: re-parsed keeping Python float spellings (`10.0`) only when
 * something echoed could contain one, since the re-parse is the slow path.
 */
export function echoRecord(record: UsrRecord, text: string, options: PayloadOptions, rowsWrittenFloatPossible = true): UsrRecord {
  let needed: boolean;
  if (options.includeArgs || options.includeRawEvent) needed = /\d\.\d|\d[eE]|\d{16}/.test(text);
  else {
    const rw = obj(record.metrics).rows_written;
    // A float spelling (`12.0`), or an integer beyond 2^53 that only the re-parse keeps exact.
    needed = typeof rw === 'number' && Number.isInteger(rw) && (!Number.isSafeInteger(rw) || (rowsWrittenFloatPossible && hasFloatSpelling(text, ROWS_WRITTEN_KEY)));
  }
  return needed ? (parseRecordText(text, { keepFloats: true }) as UsrRecord) : record;
}

const ROWS_WRITTEN_KEY = '"rows_written":';

/**
 * Whether any line of a run of decoded lines could spell rows_written as a float. One scan settles
 * it for all of them: the writer prints rows_written as an integer, so usually none do.
 */
export function mayHaveRowsWrittenFloat(linesText: string): boolean {
  // Finds whatever the per-line check finds (its whitespace is a subset of \s). Over a window of
  // lines the regex, which skips ahead on its literal prefix, is 2–3× faster than indexOf steps.
  return /"rows_written":\s*-?\d+[.eE]/.test(linesText);
}

/** Whether some `key` in the JSON text is followed by a number with a fraction or exponent. */
function hasFloatSpelling(text: string, key: string): boolean {
  // A byte search per line instead of a regex: this runs for every record with rows_written.
  for (let i = text.indexOf(key); i !== -1; i = text.indexOf(key, i + 1)) {
    let j = i + key.length;
    let c = text.charCodeAt(j);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++j);
    if (c === 45) c = text.charCodeAt(++j);
    const digits = j;
    while (c >= 48 && c <= 57) c = text.charCodeAt(++j);
    if (j > digits && (c === 46 || c === 101 || c === 69)) return true;
  }
  return false;
}
