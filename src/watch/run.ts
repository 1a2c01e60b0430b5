// `herald watch`: a USR `.events.log` through the one pipeline (reference §4.1). Each batch the
// reader hands out is dispatched at once — so rate limits and digests work during a catch-up —
// and the cursor is committed after the batch's outcomes are recorded, never past an event that
// is neither delivered nor kept (dead-lettered, or spooled by the profile webhook). A crash
// between a delivery and the commit resends at most what dedup had not yet confirmed, with the
// same Idempotency-Key (§10 #1).
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { NotificationEvent } from '../core/event.js';
import type { Outcome } from '../dispatch/outcome.js';
import type { RenderedForSink } from '../dispatch/render.js';
import type { StateStore } from '../state/store.js';
import { convertedEvent } from '../sources/usr-events/convert.js';
import type { ConvertOptions } from '../sources/usr-events/convert.js';
import { CursorWriter, readCursor, readSidecar } from '../sources/usr-events/cursor.js';
import { WatchError } from '../sources/usr-events/errors.js';
import type { TruncateMode } from '../sources/usr-events/follow.js';
import { acquireCursorLock } from '../sources/usr-events/lock.js';
import { PackStateStore } from '../sources/usr-events/pack-state.js';
import { openUsrLog, type CommittedPosition, type UsrBatch, type UsrItem } from '../sources/usr-events/read.js';
import { DryRunPrinter, type OutputDeps } from './dry-run-printer.js';
import { settle, type Settlement } from './settle.js';
import { withConversation } from '../core/conversation.js';

/** What the watch needs of the pipeline (a Herald fits it). */
export interface WatchPipeline {
  deliver(events: readonly NotificationEvent[], options: { deadLetter: boolean; stopAtFailure: boolean; onOutcome?: (outcome: Outcome) => void }): Promise<Outcome[]>;
  render(events: readonly NotificationEvent[]): RenderedForSink[];
  /** Pack throttle state lives here (the watcher's state store). */
  readonly store?: StateStore;
  /** Whether a sink's dead letters outlive the run; a dead letter that does not is not kept. */
  keepsDeadLetters?(sinkId: string): boolean;
  /** A sink keeps living messages: each event names its conversation (dataset and run). */
  readonly keepsLivingMessages?: boolean;
}

export interface WatchSettings extends ConvertOptions {
  eventsPath: string;
  cursorPath?: string;
  follow: boolean;
  waitForEvents: boolean;
  idleTimeoutMs?: number;
  pollMs: number;
  stopOnTerminal: boolean;
  onTruncate: TruncateMode;
  onInvalid: 'error' | 'skip';
  allowUnknownVersion: boolean;
  /** The profile webhook's provider: what a dry run prints. */
  provider?: string;
  dryRun: boolean;
  advanceCursorOnDryRun: boolean;
  /** Stop at the first event that could not be delivered, without keeping it (dnadesign --fail-fast). */
  failFast: boolean;
  /** The pipeline; without one a dry run prints payloads only. */
  pipeline?: WatchPipeline;
  /** Told each outcome as it is decided (`--json`). */
  onOutcome?: (outcome: Outcome) => void;
  /** The pipeline has sinks besides the profile webhook: a dry run shows what each would get. */
  fanOut?: boolean;
  /**
   * Whose pack throttle state this is, when no cursor names the watcher: two watchers of one log
   * with different destinations each keep their own (default: the log's path).
   */
  packScope?: string;
}

export interface WatchDeps extends OutputDeps {
  warn: (line: string) => void;
  /** Told after each batch how far the watch got (the CLI shows progress on long catch-ups). */
  progress?: (p: { offset: number; emitted: number; outcomes: Readonly<Record<string, number>> }) => void;
  sleep: (ms: number) => Promise<void>;
  nowMs: () => number;
}

export interface WatchResult {
  exitCode: 0 | 1 | 3;
  /** Records handed to the pipeline (or printed, in a dry run). */
  emitted: number;
  /** Records kept for later: dead-lettered or spooled at some sink. */
  spooled: number;
  sawTerminal: boolean;
  endedBy: string;
  offset: number;
  /** Outcomes by name over every sink (live runs). */
  outcomes: Record<string, number>;
}

export async function runWatch(s: WatchSettings, deps: WatchDeps): Promise<WatchResult> {
  // The reference creates the cursor's folder; the lock beside the cursor needs it first.
  if (s.cursorPath) await mkdir(dirname(s.cursorPath), { recursive: true, mode: 0o700 });
  const release = s.cursorPath ? await acquireCursorLock(`${s.cursorPath}.lock`) : undefined;
  try {
    return await watchLocked(s, deps);
  } finally {
    await release?.();
  }
}

async function watchLocked(s: WatchSettings, deps: WatchDeps): Promise<WatchResult> {
  if (!s.dryRun && !s.pipeline) throw new Error('a live watch needs a pipeline');
  const advance = !s.dryRun || s.advanceCursorOnDryRun;
  const cursor = s.cursorPath && advance ? new CursorWriter(s.cursorPath) : undefined;
  const startOffset = s.cursorPath ? await readCursor(s.cursorPath) : 0;
  const sidecar = s.cursorPath ? await readSidecar(s.cursorPath) : undefined;
  // The id of the line that ends at the committed offset: the cursor sidecar records it, so a
  // restart can tell whether the file under the cursor is still the one that was read (§10 #6, #7).
  const committed: CommittedPosition = { offset: startOffset, lineId: sidecar && sidecar.offset === startOffset ? sidecar.last_event_id : null };
  let saved = startOffset;
  const packState = new PackStateStore(s.pipeline?.store, s.cursorPath ?? s.packScope ?? s.eventsPath);
  const reader = openUsrLog(
    {
      eventsPath: s.eventsPath,
      startOffset,
      follow: s.follow,
      waitForEvents: s.waitForEvents,
      idleTimeoutMs: s.idleTimeoutMs,
      pollMs: s.pollMs,
      onTruncate: s.onTruncate,
      onInvalid: s.onInvalid,
      allowUnknownVersion: s.allowUnknownVersion,
      stopOnTerminal: s.stopOnTerminal,
      needIds: !s.dryRun || Boolean(s.fanOut),
      convert: s,
    },
    {
      warn: deps.warn,
      sleep: deps.sleep,
      nowMs: deps.nowMs,
      packState: (bucket, runId) => packState.cached(bucket, runId),
      loadPackState: (bucket, runId) => packState.load(bucket, runId),
      rememberPackState: (bucket, runId, state) => packState.remember(bucket, runId, state),
      committed,
    },
  );
  const printer = s.dryRun ? new DryRunPrinter(s, deps) : undefined;
  let emitted = 0;
  let spooled = 0;
  let sawTerminal = false;
  const outcomes: Record<string, number> = {};
  const result = (exitCode: 0 | 1 | 3): WatchResult => ({ exitCode, emitted, spooled, sawTerminal, endedBy: reader.endedBy, offset: committed.offset, outcomes });

  /** Keeps the pack states of handled lines and moves the cursor to `offset`. */
  const commit = async (batch: UsrBatch, offset: number) => {
    await packState.persist(advance ? batch.packChanges.filter((c) => c.lineEnd <= offset) : [], deps.nowMs());
    if (offset !== committed.offset) {
      committed.lineId = batch.lineIdBefore(offset) ?? committed.lineId;
      committed.offset = offset;
    }
    if (cursor && committed.offset !== saved) {
      await cursor.save(committed.offset, committed.lineId);
      saved = committed.offset;
    }
  };

  try {
    for await (const batch of reader.batches()) {
      if (batch.reopenedAt !== undefined) {
        committed.offset = batch.reopenedAt;
        // Resumed after the line with that id, or from the start, where no line precedes.
        if (batch.reopenedAt === 0) committed.lineId = null;
      }
      let handled: Settlement = { handled: batch.items.length, kept: 0 };
      if (printer) printer.print(batch.items, s.pipeline && ((events) => s.pipeline!.render(events)));
      else if (batch.items.length) handled = await deliverBatch(s, deps, batch.items, outcomes);
      emitted += handled.handled;
      spooled += handled.kept;
      if (batch.items.slice(0, handled.handled).some((item) => item.terminal)) sawTerminal = true;
      if (handled.unsent) {
        await commit(batch, batch.items[handled.handled]!.lineStart);
        if (s.failFast) throw new WatchError(handled.unsent);
        deps.warn('1 event(s) failed delivery and were not spooled');
        return result(1);
      }
      await commit(batch, batch.end);
      deps.progress?.({ offset: committed.offset, emitted, outcomes });
      if (batch.fatal) throw batch.fatal;
      if (batch.stop) return result(0);
      await printer?.drain();
    }
  } finally {
    printer?.flush();
    await reader.close();
  }
  if (reader.endedBy !== 'eof' && !sawTerminal && s.idleTimeoutMs !== undefined) return result(3);
  return result(0);
}

/** One USR run of one dataset is one living message: dataset + actor.run_id. */
function usrConversationKey(event: NotificationEvent): string | undefined {
  if (!event.run_id) return undefined;
  return `usr:${event.labels.dataset ?? ''}:${event.run_id}`;
}

/** One batch through the pipeline; how many leading items were handled, and why the next was not. */
async function deliverBatch(s: WatchSettings, deps: WatchDeps, items: UsrItem[], tally: Record<string, number>): Promise<Settlement> {
  const converted = items.map((item) => convertedEvent(item, item.eventId, item.nowMs));
  const events = s.pipeline!.keepsLivingMessages ? converted.map((e) => withConversation(e, usrConversationKey(e))) : converted;
  const outcomes = await s.pipeline!.deliver(events, { deadLetter: !s.failFast, stopAtFailure: s.failFast, ...(s.onOutcome ? { onOutcome: s.onOutcome } : {}) });
  for (const o of outcomes) tally[o.outcome] = (tally[o.outcome] ?? 0) + 1;
  const settlement = settle(items.length, outcomes, (sinkId) => s.pipeline!.keepsDeadLetters?.(sinkId) ?? true);
  for (const warning of settlement.warnings ?? []) deps.warn(warning);
  return settlement;
}
