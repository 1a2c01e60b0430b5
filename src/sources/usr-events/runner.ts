// The watch loop (reference §4.1, §4.5–4.7): follow the log, run each complete line through
// validate → filter → actor checks → pack → payload → provider → deliver, and move the cursor only
// past lines whose event reached a terminal outcome (delivered, deduplicated, filtered, suppressed,
// spooled, dead-lettered). The first event that could be neither delivered nor spooled stops the
// watch with the cursor before it, so no later success can skip it (§10 #1).
import { isAscii } from 'node:buffer';
import type { Herald } from '../../herald.js';
import type { StateStore } from '../../state/store.js';
import { constructEventOwner } from './construct-scope.js';
import { CursorWriter, readCursor, readSidecar } from './cursor.js';
import { deliver } from './deliver.js';
import { WatchError } from './errors.js';
import { EventLogFollower, type TruncateMode } from './follow.js';
import { lineEventId, lineIdBefore } from './identity.js';
import { parseRecordText } from './json.js';
import { acquireCursorLock } from './lock.js';
import { PackStateStore } from './pack-state.js';
import { handlerFor } from './packs/index.js';
import { obj, PackError, type ProgressSettings } from './packs/types.js';
import { buildPayload, echoRecord, genericMessage, mayHaveRowsWrittenFloat, pythonUtcNow, type PayloadOptions } from './payload.js';
import { ActionPrefilter } from './prefilter.js';
import { formatPayload, normalizeProvider } from './providers.js';
import { GenericDryRunEncoder } from './dry-run-line.js';
import { AsciiLineBuffer } from './line-buffer.js';
import { AsciiLineWindows } from './ascii-windows.js';
import { dryRunLine, isPlainJsonString } from './python-json.js';
import { findResumeOffset, lineBeforeMatches } from './resume.js';
import { genericStatus, isTerminal } from './status.js';
import { usrToEvent } from './to-event.js';
import { eventTimeSeconds } from './numbers.js';
import { InvalidLineError, validateRecord, type UsrRecord } from './validate.js';
import type { WebhookSender } from './webhook.js';

export interface WatchSettings {
  eventsPath: string;
  cursorPath?: string;
  follow: boolean;
  waitForEvents: boolean;
  idleTimeoutMs?: number;
  pollMs: number;
  stopOnTerminal: boolean;
  onTruncate: TruncateMode;
  onlyActions: string[];
  onlyTools: string[];
  progress: ProgressSettings;
  onInvalid: 'error' | 'skip';
  allowUnknownVersion: boolean;
  toolOverride?: string;
  runIdOverride?: string;
  /** A selected construct project's run id (`construct-<job.id>`): other projects' events are skipped (§10 #5). */
  constructRunId?: string;
  message?: string;
  include: PayloadOptions;
  provider?: string;
  dryRun: boolean;
  advanceCursorOnDryRun: boolean;
  failFast: boolean;
  spoolDir?: string;
  sender?: WebhookSender;
  herald?: Herald;
  store?: StateStore;
}

export interface WatchDeps {
  out: (line: string) => void;
  /** Whole dry-run lines as ASCII bytes, each ending in "\n"; without it they go through `out`. */
  outBytes?: (lines: Buffer) => void;
  warn: (line: string) => void;
  /** Resolves when the output stream can take more (backpressure), so memory stays bounded. */
  drain?: () => Promise<void> | undefined;
  sleep: (ms: number) => Promise<void>;
  nowMs: () => number;
}

export interface WatchResult {
  exitCode: 0 | 1 | 3;
  emitted: number;
  spooled: number;
  sawTerminal: boolean;
  endedBy: string;
  offset: number;
}


export async function runWatch(s: WatchSettings, deps: WatchDeps): Promise<WatchResult> {
  const release = s.cursorPath ? await acquireCursorLock(`${s.cursorPath}.lock`) : undefined;
  try {
    return await watchLocked(s, deps);
  } finally {
    await release?.();
  }
}

async function watchLocked(s: WatchSettings, deps: WatchDeps): Promise<WatchResult> {
  const advance = !s.dryRun || s.advanceCursorOnDryRun;
  const cursor = s.cursorPath && advance ? new CursorWriter(s.cursorPath) : undefined;
  const startOffset = s.cursorPath ? await readCursor(s.cursorPath) : 0;
  const sidecar = s.cursorPath ? await readSidecar(s.cursorPath) : undefined;
  // The id of the line that ends at `committed`: the cursor sidecar records it, so a restart can
  // tell whether the file under the cursor is still the one that was read (§10 #6, #7).
  let committedLineId: string | null = sidecar && sidecar.offset === startOffset ? sidecar.last_event_id : null;
  let committedLineIdAt = startOffset;
  let current: { buffer: Buffer; base: number } | undefined;
  const refreshCommittedLineId = () => {
    if (committedLineIdAt === committed || !current || committed <= current.base) return;
    committedLineId = lineIdBefore(current.buffer, committed - current.base);
    committedLineIdAt = committed;
  };
  const follower = new EventLogFollower({
    path: s.eventsPath,
    startOffset,
    follow: s.follow,
    waitForEvents: s.waitForEvents,
    idleTimeoutMs: s.idleTimeoutMs,
    pollMs: s.pollMs,
    onTruncate: s.onTruncate,
    resumeOffset: (path) => findResumeOffset(path, committed, committedLineId),
    verifyStart: (path, offset) => lineBeforeMatches(path, offset, committedLineId),
    sleep: deps.sleep,
    nowMs: deps.nowMs,
  });
  const packState = new PackStateStore(s.store, s.cursorPath ?? s.eventsPath);
  const actions = new Set(s.onlyActions);
  const tools = new Set(s.onlyTools);
  // An action name that json.dumps would escape has no single byte spelling to search for.
  const prefilter = s.onlyActions.length && s.onlyActions.every(isPlainJsonString) ? new ActionPrefilter(s.onlyActions) : undefined;
  const provider = s.provider ? normalizeProvider(s.provider) : undefined;
  const dryRunEncoder = new GenericDryRunEncoder();
  const plainOverrides = [s.toolOverride, s.runIdOverride].every((v) => v === undefined || isPlainJsonString(v));
  // Only delivery and fan-out use each event's id; the cursor sidecar hashes one line per save.
  const needIds = !s.dryRun || Boolean(s.herald);
  let committed = startOffset;
  let saved = startOffset;
  let emitted = 0;
  let spooled = 0;
  let sawTerminal = false;
  const out = new AsciiLineBuffer();
  const flushOut = () => {
    if (out.empty) return;
    if (deps.outBytes) deps.outBytes(out.takeBytes());
    else deps.out(out.take());
  };
  /** Warns about an invalid line skipped under --on-invalid-event skip; returns the offset past it. */
  const skipInvalid = (message: string, pastLine: number): number => {
    flushOut();
    deps.warn(`Skipping invalid event line: ${message}`);
    return pastLine;
  };
  const save = async () => {
    refreshCommittedLineId();
    if (cursor && committed !== saved) {
      await cursor.save(committed, committedLineId);
      saved = committed;
    }
  };

  const result = (exitCode: 0 | 1 | 3): WatchResult => ({ exitCode, emitted, spooled, sawTerminal, endedBy: follower.endedBy, offset: committed });

  try {
    for await (const batch of follower.batches()) {
      const { buffer, end, base } = batch;
      if (batch.reopened) {
        committed = base;
        // Resumed after the line with that id, or from the start, where no line precedes.
        if (base === 0) committedLineId = null;
        committedLineIdAt = base;
      }
      current = { buffer, base };
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
      let start = 0;
      while (start < end) {
        const nl = buffer.indexOf(10, start);
        const lineEnd = nl;
        const next = nl + 1;
        if (prefilter && !prefilter.mayMatch(buffer, start, lineEnd)) {
          start = next;
          committed = base + next;
          continue;
        }
        // Checked on first use: with a filter most chunks hold no line worth decoding.
        ascii ??= isAscii(buffer.subarray(0, end));
        let text: string;
        if (!ascii) text = buffer.toString('utf8', start, lineEnd);
        else if (prefilter) text = buffer.toString('latin1', start, lineEnd);
        else text = (windows ??= new AsciiLineWindows(buffer, end, onWindow)).line(start, lineEnd);
        if (!ascii || text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) text = text.trim();
        const lineStart = start;
        start = next;
        if (!text) {
          committed = base + next;
          continue;
        }
        let record: UsrRecord;
        try {
          let value: unknown;
          try {
            value = parseRecordText(text);
          } catch (error) {
            throw new InvalidLineError(`event line is not valid JSON: ${(error as Error).message}`);
          }
          record = validateRecord(value, { allowUnknownVersion: s.allowUnknownVersion });
        } catch (error) {
          if (!(error instanceof InvalidLineError)) throw error;
          if (s.onInvalid !== 'skip') throw new WatchError(error.message);
          committed = skipInvalid(error.message, base + next);
          continue;
        }
        const actor = obj(record.actor);
        if (actions.size && !actions.has(record.action)) {
          committed = base + next;
          continue;
        }
        if (tools.size && !(typeof actor.tool === 'string' && tools.has(actor.tool))) {
          committed = base + next;
          continue;
        }
        if (s.constructRunId && constructEventOwner(actor, s.constructRunId) === 'other-project') {
          committed = base + next;
          continue;
        }
        const tool = s.toolOverride ?? (nonEmpty(actor.tool) ? actor.tool : undefined);
        if (tool === undefined) throw new WatchError('event missing actor.tool; provide --tool to override');
        const runId = s.runIdOverride ?? (nonEmpty(actor.run_id) ? actor.run_id : undefined);
        if (runId === undefined) throw new WatchError('event missing actor.run_id; provide --run-id to override');
        // Hashing every line is the costliest step after parsing; a dry run without fan-out never
        // uses the id.
        const eventId = needIds ? lineEventId(buffer, lineStart, lineEnd) : '';
        const nowMs = deps.nowMs();

        const handler = handlerFor(record.action);
        const input = { record, runId, now: handler ? eventTimeSeconds(record.timestamp_utc, nowMs) : 0, settings: s.progress, state: {} as Record<string, unknown> };
        if (handler?.bucket) input.state = await packState.load(handler.bucket, runId);
        let status: string;
        let message: string | null;
        try {
          const evaluation = handler ? handler.evaluate(input) : { emit: true };
          if (!evaluation.emit) {
            if (handler?.bucket) await packState.commit(handler.bucket, runId, input.state, nowMs, advance);
            committed = base + next;
            continue;
          }
          status = handler?.status(input) ?? genericStatus(record.action);
          message = s.message ?? handler?.message(input, evaluation) ?? null;
        } catch (error) {
          if (error instanceof PackError) {
            // Herald lets skip mode skip events that fail tool-event validation too (§10 #17).
            if (s.onInvalid !== 'skip') throw new WatchError(error.message);
            committed = skipInvalid(error.message, base + next);
            continue;
          }
          throw error;
        }
        const echo = echoRecord(record, text, s.include, rowsWrittenFloat);
        const payload = buildPayload({ record, echo, status, tool, runId, message: message ?? genericMessage(record, echo), options: s.include, nowIso: () => pythonUtcNow(nowMs) });
        if (s.dryRun) {
          if (provider === 'generic') {
            // A line that is ASCII without a backslash holds no string needing an escape.
            const trusted = plainOverrides && ascii === true && text.indexOf('\\') === -1 && (payload.message === undefined || isPlainJsonString(payload.message));
            out.push(dryRunEncoder.line(payload, trusted));
          } else if (provider) out.push(dryRunLine(formatPayload(provider, payload)));
          if (s.herald) {
            flushOut();
            for (const r of s.herald.dispatcher.renderAll([usrToEvent(record, payload, eventId, nowMs)])) if (r.message) deps.out(JSON.stringify({ sink_id: r.sink_id, event_id: r.event_id, message: r.message }));
          }
        } else {
          flushOut();
          const { outcome: ok, error } = await deliver(s, deps, { record, payload, formatted: provider ? formatPayload(provider, payload) : undefined, eventId, nowMs });
          if (ok === 'spooled') spooled++;
          if (ok === 'unsent') {
            if (s.failFast) throw new WatchError(error);
            await save();
            deps.warn('1 event(s) failed delivery and were not spooled');
            return result(1);
          }
        }
        emitted++;
        if (handler?.bucket) await packState.commit(handler.bucket, runId, input.state, nowMs, advance);
        committed = base + next;
        if (!s.dryRun) await save();
        if (isTerminal(status)) {
          sawTerminal = true;
          if (s.stopOnTerminal) {
            flushOut();
            await save();
            return result(0);
          }
        }
      }
      flushOut();
      await deps.drain?.();
      await save();
    }
  } finally {
    flushOut();
    await follower.close();
  }
  await save();
  if (follower.endedBy !== 'eof' && !sawTerminal && s.idleTimeoutMs !== undefined) return result(3);
  return result(0);
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}
