// Reading a USR `.events.log` for a watcher (reference §4.1, §4.4–4.7): follow the file, decode
// each complete line, validate it, and convert it (convert.ts) into batches of records for the
// pipeline. Nothing here delivers: the watch loop dispatches each batch and then commits the
// cursor, so a batch is also the unit of cursor persistence.
import { isAscii } from 'node:buffer';
import { AsciiLineWindows } from './ascii-windows.js';
import { MissingActorError, type ConvertOptions, type Converted, UsrConverter } from './convert.js';
import { WatchError } from './errors.js';
import { EventLogFollower, type FollowOptions } from './follow.js';
import { lineEventId, lineIdBefore } from './identity.js';
import { parseRecordText } from './json.js';
import { PackError, type RunState } from './packs/types.js';
import { mayHaveRowsWrittenFloat } from './payload.js';
import { ActionPrefilter } from './prefilter.js';
import { isPlainJsonString } from '../../core/python-json.js';
import { findResumeOffset, lineBeforeMatches } from './resume.js';
import { InvalidLineError, validateRecord, type UsrRecord } from './validate.js';

export interface ReadSettings extends Pick<FollowOptions, 'follow' | 'waitForEvents' | 'idleTimeoutMs' | 'pollMs' | 'onTruncate'> {
  eventsPath: string;
  startOffset: number;
  onInvalid: 'error' | 'skip';
  allowUnknownVersion: boolean;
  stopOnTerminal: boolean;
  /** Hash each line into its event id (delivery and fan-out need it; a plain dry run does not). */
  needIds: boolean;
  convert: ConvertOptions;
}

/** Where the watcher has committed: the follower checks a replaced file against it. */
export interface CommittedPosition {
  offset: number;
  /** Id of the line that ends at `offset` (null: none, or unknown). */
  lineId: string | null;
}

export interface ReadDeps {
  warn: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  nowMs: () => number;
  /** Pack state by (bucket, run id), as of the previous record: at once when in memory, else loaded. */
  packState: (bucket: string, runId: string) => RunState | undefined;
  loadPackState: (bucket: string, runId: string) => Promise<RunState>;
  /** Keeps a record's new pack state in memory, for the next record of the run. */
  rememberPackState: (bucket: string, runId: string, state: RunState) => void;
  committed: CommittedPosition;
}

export interface UsrItem extends Converted {
  eventId: string;
  /** File offsets of the record's line: handling it moves the cursor to `lineEnd`. */
  lineStart: number;
  lineEnd: number;
  /** The line is ASCII without a backslash: no string in its payload needs a JSON escape. */
  plainLine: boolean;
  nowMs: number;
}

export interface PackChange {
  bucket: string;
  runId: string;
  state: RunState;
  /** The change belongs to the line ending here; it is kept once the cursor passes it. */
  lineEnd: number;
}

export interface UsrBatch {
  items: UsrItem[];
  packChanges: PackChange[];
  /** File offset just past the batch's last line (filtered and skipped lines included). */
  end: number;
  /** Set when this batch starts a replaced file at this offset. */
  reopenedAt?: number;
  /** The id of the line ending at `offset`, when that line is in this batch's buffer. */
  lineIdBefore(offset: number): string | null | undefined;
  /** The watch ends after this batch: a terminal status under --stop-on-terminal-status. */
  stop?: boolean;
  /** The line after the batch stops the watch (invalid, or no actor); the batch is still handled. */
  fatal?: WatchError;
}

export interface UsrLogReader {
  batches(): AsyncGenerator<UsrBatch>;
  readonly endedBy: string;
  close(): Promise<void>;
}

export function openUsrLog(s: ReadSettings, deps: ReadDeps): UsrLogReader {
  const follower = new EventLogFollower({
    path: s.eventsPath,
    startOffset: s.startOffset,
    follow: s.follow,
    waitForEvents: s.waitForEvents,
    idleTimeoutMs: s.idleTimeoutMs,
    pollMs: s.pollMs,
    onTruncate: s.onTruncate,
    resumeOffset: (path) => findResumeOffset(path, deps.committed.offset, deps.committed.lineId),
    verifyStart: (path, offset) => lineBeforeMatches(path, offset, deps.committed.lineId),
    sleep: deps.sleep,
    nowMs: deps.nowMs,
  });
  return {
    batches: () => readBatches(s, deps, follower),
    get endedBy() {
      return follower.endedBy;
    },
    close: () => follower.close(),
  };
}

async function* readBatches(s: ReadSettings, deps: ReadDeps, follower: EventLogFollower): AsyncGenerator<UsrBatch> {
  const converter = new UsrConverter(s.convert);
  const validation = { allowUnknownVersion: s.allowUnknownVersion };
  const onlyActions = s.convert.onlyActions ?? [];
  // An action name that json.dumps would escape has no single byte spelling to search for.
  const prefilter = onlyActions.length && onlyActions.every(isPlainJsonString) ? new ActionPrefilter(onlyActions) : undefined;
  /** Under --on-invalid-event skip, warns and says to go on; otherwise the line stops the watch. */
  const invalid = (at: string, message: string): boolean => {
    if (s.onInvalid !== 'skip') return false;
    deps.warn(`${at}: Skipping invalid event line: ${message}`);
    return true;
  };
  // Lines are counted from the start of the file when reading starts there (otherwise only the
  // byte offset is known), so a bad line is reported as `file:line` an editor can open.
  let lineNumber: number | undefined;
  const where = (offset: number) => (lineNumber !== undefined ? `${s.eventsPath}:${lineNumber}` : `${s.eventsPath} (byte ${offset})`);
  for await (const chunk of follower.batches()) {
    const { buffer, end, base } = chunk;
    if (chunk.reopened || lineNumber === undefined) lineNumber = base === 0 ? 0 : undefined;
    const batch: UsrBatch = {
      items: [],
      packChanges: [],
      end: base + end,
      ...(chunk.reopened ? { reopenedAt: base } : {}),
      lineIdBefore: (offset) => (offset > base && offset <= base + end ? lineIdBefore(buffer, offset - base) : undefined),
    };
    /** Ends the batch before the line at `lineStart`, which stops the watch with `error`. */
    const stopBefore = (lineStart: number, error: WatchError): UsrBatch => ({ ...batch, end: base + lineStart, fatal: error });
    // The writer's output is pure ASCII (ensure_ascii): such a line decodes as latin1, a plain
    // copy, and needs only an ASCII trim. When most lines will be read they are decoded a window
    // at a time (ascii-windows.ts); behind an action prefilter few are, so each is decoded alone.
    let ascii: boolean | undefined;
    let windows: AsciiLineWindows | undefined;
    // True until a decoded window shows that none of its lines spells rows_written as a float.
    let rowsWrittenFloat = true;
    const onWindow = (text: string) => {
      rowsWrittenFloat = mayHaveRowsWrittenFloat(text);
    };
    prefilter?.reset();
    for (let start = 0; start < end; ) {
      const lineStart = start;
      const lineEnd = buffer.indexOf(10, start);
      start = lineEnd + 1;
      if (lineNumber !== undefined) lineNumber++;
      if (prefilter && !prefilter.mayMatch(buffer, lineStart, lineEnd)) continue;
      // Checked on first use: with a filter most chunks hold no line worth decoding.
      ascii ??= isAscii(buffer.subarray(0, end));
      let text: string;
      if (!ascii) text = buffer.toString('utf8', lineStart, lineEnd);
      else if (prefilter) text = buffer.toString('latin1', lineStart, lineEnd);
      else text = (windows ??= new AsciiLineWindows(buffer, end, onWindow)).line(lineStart, lineEnd);
      if (!ascii || text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) text = text.trim();
      if (!text) continue;
      let record: UsrRecord;
      try {
        let value: unknown;
        try {
          value = parseRecordText(text);
        } catch (error) {
          throw new InvalidLineError(`event line is not valid JSON: ${(error as Error).message}`);
        }
        record = validateRecord(value, validation);
      } catch (error) {
        if (!(error instanceof InvalidLineError)) throw error;
        if (invalid(where(base + lineStart), error.message)) continue;
        yield stopBefore(lineStart, new WatchError(`${where(base + lineStart)}: ${error.message}`));
        return;
      }
      let admitted;
      try {
        admitted = converter.admit(record);
      } catch (error) {
        if (!(error instanceof MissingActorError)) throw error;
        const flag = error.field === 'tool' ? '--tool' : '--run-id';
        yield stopBefore(lineStart, new WatchError(`${where(base + lineStart)}: ${error.message}; provide ${flag} to override`));
        return;
      }
      if (!admitted) continue;
      const nowMs = deps.nowMs();
      // Most records keep no pack state, and the rest find theirs in memory: no await per record.
      const state = admitted.bucket ? (deps.packState(admitted.bucket, admitted.runId) ?? (await deps.loadPackState(admitted.bucket, admitted.runId))) : undefined;
      let converted;
      try {
        converted = converter.finish(admitted, text, state, nowMs, rowsWrittenFloat);
      } catch (error) {
        if (!(error instanceof PackError)) throw error;
        // Herald lets skip mode skip events that fail tool-event validation too (§10 #17).
        if (invalid(where(base + lineStart), error.message)) continue;
        yield stopBefore(lineStart, new WatchError(`${where(base + lineStart)}: ${error.message}`));
        return;
      }
      const change = 'suppressed' in converted ? converted.suppressed : converted.packState;
      if (change) {
        deps.rememberPackState(change.bucket, change.runId, change.state);
        batch.packChanges.push({ ...change, lineEnd: base + start });
      }
      if ('suppressed' in converted) continue;
      batch.items.push({
        record: converted.record,
        status: converted.status,
        terminal: converted.terminal,
        payload: converted.payload,
        // Hashing every line is the costliest step after parsing; a plain dry run never uses the id.
        eventId: s.needIds ? lineEventId(buffer, lineStart, lineEnd) : '',
        lineStart: base + lineStart,
        lineEnd: base + start,
        plainLine: ascii === true && text.indexOf('\\') === -1,
        nowMs,
      });
      if (converted.terminal && s.stopOnTerminal) {
        yield { ...batch, end: base + start, stop: true };
        return;
      }
    }
    yield batch;
  }
}
