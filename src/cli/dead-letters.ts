// Dead letters in both formats as one list: the state store's queue, and the spool folders of the
// profile webhook sinks (dnadesign's spool files). `herald dlq list|replay` and `herald spool drain`
// are this one mechanism: each letter goes back through its sink; it leaves its store only when
// that delivery succeeded.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { NotificationEvent } from '../core/event.js';
import type { Herald } from '../herald.js';
import { outcomeLine } from '../dispatch/outcome.js';
import { listSpoolFiles, readSpoolFile } from '../state/spool.js';
import { usrPayloadToEvent } from '../sources/usr-events/to-event.js';
import type { NotifyPayload } from '../sources/usr-events/payload.js';
import { printJsonLine } from './common.js';
import { startProgress } from './progress.js';

export interface Letter {
  id: string;
  sinkId: string;
  event: NotificationEvent;
  ts: number;
  attempts: number;
  reason: string;
  /** Where it is kept, and so how it leaves once delivered: by id from the queue, or its file. */
  keptIn: { queue: string } | { spoolFile: string };
}

/** The state store's dead letters, then each profile webhook's spool files, in name order. */
export async function listLetters(herald: Herald, sinkIds?: readonly string[]): Promise<{ letters: Letter[]; problems: string[] }> {
  const wanted = (id: string) => !sinkIds?.length || sinkIds.includes(id);
  const letters: Letter[] = (await herald.store.listDeadLetters())
    .filter((l) => wanted(l.sink_id))
    .map((l) => ({ id: l.id, sinkId: l.sink_id, event: l.event, ts: l.ts, attempts: l.attempts, reason: l.reason, keptIn: { queue: l.id } }));
  const problems: string[] = [];
  for (const sink of herald.config.sinks) {
    const cfg = sink.config as { id: string; spool_dir?: string };
    if (sink.definition.kind !== 'usr_webhook' || !cfg.spool_dir || !wanted(cfg.id)) continue;
    const found = await spoolLetters(resolve(herald.config.baseDir, cfg.spool_dir), () => cfg.id, herald.ctx.clock.nowMs());
    letters.push(...found.letters);
    problems.push(...found.problems);
  }
  return { letters, problems };
}

/**
 * A spool folder's files as letters. `sinkFor` picks the sink for a file's provider (undefined:
 * the file cannot be sent, which is reported and the file kept).
 */
export async function spoolLetters(dir: string, sinkFor: (provider: string | undefined) => string | undefined | Error, nowMs: number): Promise<{ letters: Letter[]; problems: string[] }> {
  const letters: Letter[] = [];
  const problems: string[] = [];
  let files: string[];
  try {
    files = await listSpoolFiles(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { letters, problems };
    throw error;
  }
  for (const file of files) {
    const entry = await readSpoolFile(file);
    if ('problem' in entry) {
      problems.push(entry.problem);
      continue;
    }
    const sinkId = sinkFor(entry.provider);
    if (sinkId instanceof Error || sinkId === undefined) {
      problems.push(sinkId instanceof Error ? sinkId.message : `spool payload missing provider: ${file}. Pass --provider or include provider in spool files.`);
      continue;
    }
    // A spool file carries no event id; its content names it, so a resend keeps one Idempotency-Key.
    const id = createHash('sha256').update(JSON.stringify(entry.payload)).digest('hex').slice(0, 32);
    const ts = Number(/^(\d+)-/.exec(file.slice(dir.length + 1))?.[1] ?? nowMs) / 1000;
    letters.push({ id: `spool:${file}`, sinkId, event: usrPayloadToEvent(entry.payload as NotifyPayload, id, nowMs), ts, attempts: 0, reason: 'spooled', keptIn: { spoolFile: file } });
  }
  return { letters, problems };
}

/** How many delivered queue letters leave the queue in one write: each write rewrites its files. */
const REMOVE_BATCH = 5000;
/** Letters of one sink sent in one dispatch: one lease on the sink's dedup state, not a claim file each. */
const SEND_BATCH = 200;

/**
 * Sends each letter through its sink again. `delivered` counts letters sent now; `alreadyDelivered`
 * those the sink's own dedup record shows delivered since (they leave the queue, but were not sent).
 */
export async function replayLetters(herald: Herald, letters: readonly Letter[], flags: { json?: boolean; failFast?: boolean }): Promise<{ delivered: number; alreadyDelivered: number; failed: number }> {
  const progress = await startProgress('replaying dead letters', letters.length);
  let failed = 0;
  let delivered = 0;
  let alreadyDelivered = 0;
  // Removing letters one by one rewrote the queue per letter: quadratic in the queue's size.
  let done: string[] = [];
  const flush = async () => {
    if (done.length) await herald.store.removeDeadLetters(done);
    done = [];
  };
  const known = new Set(herald.config.sinks.map((s) => s.config.id));
  try {
    for (let i = 0; i < letters.length; ) {
      const sinkId = letters[i]!.sinkId;
      let end = i + 1;
      while (end < letters.length && end - i < SEND_BATCH && letters[end]!.sinkId === sinkId) end++;
      const group = letters.slice(i, end);
      i = end;
      progress.tick(group.length);
      if (!known.has(sinkId)) {
        for (const letter of group) herald.ctx.log.warn(`dead letter ${letter.id}: sink '${sinkId}' is not in the config; kept`);
        failed += group.length;
        continue;
      }
      const outcomes = await herald.deliver(group.map((l) => l.event), { sinkIds: [sinkId], ignoreFilters: true, deadLetter: false, redeliver: true, stopAtFailure: Boolean(flags.failFast) });
      let stop = false;
      for (const [k, letter] of group.entries()) {
        const outcome = outcomes[k]!;
        if (flags.json) printJsonLine(herald, { ...outcomeLine(outcome), dead_letter_id: letter.id });
        // superseded: a newer letter of the same living message carried its state.
        if (outcome.outcome === 'delivered' || outcome.outcome === 'deduplicated' || outcome.outcome === 'superseded') {
          if ('spoolFile' in letter.keptIn) await rm(letter.keptIn.spoolFile, { force: true });
          else if (done.push(letter.keptIn.queue) >= REMOVE_BATCH) await flush();
          if (outcome.outcome === 'delivered') delivered++;
          else alreadyDelivered++;
        } else {
          failed++;
          if (!flags.json) herald.ctx.log.warn(`dead letter ${letter.id}: ${outcome.error ?? outcome.outcome}; kept`);
          if (flags.failFast) stop = true;
        }
      }
      if (stop) break;
    }
  } finally {
    await flush();
    progress.stop();
  }
  return { delivered, alreadyDelivered, failed };
}
