// The `dir` backend: .herald/state/ (or HERALD_STATE_DIR / --state-dir). Files are 0600 in a 0700
// folder, appended whole-line or replaced atomically, and shared safely by processes on one host:
// dedup claims go through DirDedupLog, and everything that rewrites takes the lock.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../core/context.js';
import { ensurePrivateDir, readTextIfExists, readTextIfExistsSync, writeFileAtomic, writeSmallFileAtomic } from './files.js';
import { withLock } from './lock.js';
import { checkStateFolder } from './safe-dir.js';
import { mergeSnapshots } from './merge.js';
import { DirDedupLog } from './dir-dedup.js';
import { DEAD_LETTER_MAX_BYTES, DirDeadLetters } from './dir-dead-letters.js';
import { DirAuditLog } from './dir-audit.js';
import { DirMessageRefs, type MessageRefRecord } from './message-refs.js';
import type { AuditEntry, AuditLine, AuditSealer, ClaimOptions, ClaimResult, DeadLetter, DedupPolicy, StateSnapshot, StateStore, StateSummary } from './store.js';

export { deadLetterId, encodeDeadLetter } from './dir-dead-letters.js';

export class DirStore implements StateStore {
  readonly backend = 'dir';
  private ready: Promise<void> | undefined;
  private readonly dedup: DirDedupLog;
  private readonly letters: DirDeadLetters;
  private readonly audit: DirAuditLog;
  private readonly messageRefs: DirMessageRefs;

  constructor(
    readonly dir: string,
    private readonly policy: DedupPolicy,
    private readonly log: Logger,
    deadLetterMaxBytes = DEAD_LETTER_MAX_BYTES,
  ) {
    this.dedup = new DirDedupLog(dir, policy, log);
    this.letters = new DirDeadLetters(dir, this.path('lock'), log, deadLetterMaxBytes);
    this.audit = new DirAuditLog(join(dir, 'audit'));
    this.messageRefs = new DirMessageRefs(dir, this.path('lock'), log);
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      checkStateFolder(this.dir);
      await ensurePrivateDir(this.dir);
      await ensurePrivateDir(this.path('claims'));
      this.dedup.refresh();
    })();
    return this.ready;
  }

  // ---- dedup -------------------------------------------------------------------------------

  async claim(sinkId: string, eventId: string, nowMs: number, options?: ClaimOptions): Promise<ClaimResult> {
    await this.init();
    return this.dedup.claim(sinkId, eventId, nowMs, options);
  }

  async lease(sinkId: string, claims?: number): Promise<() => Promise<void>> {
    await this.init();
    return this.dedup.lease(sinkId, claims);
  }

  async confirm(sinkId: string, eventId: string, nowMs: number): Promise<void> {
    await this.init();
    await this.dedup.confirm(sinkId, eventId, nowMs);
  }

  async release(sinkId: string, eventId: string): Promise<void> {
    await this.dedup.release(sinkId, eventId);
  }

  // ---- dead letters ------------------------------------------------------------------------

  async addDeadLetter(letter: DeadLetter): Promise<void> {
    await this.init();
    await this.letters.add(letter);
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    await this.init();
    return this.letters.list();
  }

  async removeDeadLetters(ids: readonly string[]): Promise<number> {
    await this.init();
    return this.letters.remove(ids);
  }

  // ---- cursors and values --------------------------------------------------------------------

  private cursorPath(name: string): string {
    return join(this.dir, 'cursors', name.replace(/[^A-Za-z0-9._-]/g, '_'));
  }

  async getCursor(name: string): Promise<number | undefined> {
    const text = (await readTextIfExists(this.cursorPath(name))).trim();
    if (!/^\d+$/.test(text)) return undefined;
    return Number(text);
  }

  async setCursor(name: string, offset: number): Promise<void> {
    await this.init();
    await ensurePrivateDir(join(this.dir, 'cursors'));
    await writeFileAtomic(this.cursorPath(name), `${offset}\n`);
  }

  private async readValues(): Promise<StateSnapshot['values']> {
    // Synchronous: a small file, read once per run key by a watch and at each of its commits.
    const text = readTextIfExistsSync(this.path('values.json'));
    if (!text) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.log.warn(`${this.path('values.json')}: not valid JSON; starting with no saved values`);
      return {};
    }
    // `null`, a list or a number parse but hold no values: the same corruption, said the same way.
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      this.log.warn(`${this.path('values.json')}: not a JSON object; starting with no saved values`);
      return {};
    }
    return parsed as StateSnapshot['values'];
  }

  async getValue<T>(key: string): Promise<T | undefined> {
    return (await this.readValues())[key]?.value as T | undefined;
  }

  async setValue(key: string, value: unknown, nowMs: number): Promise<void> {
    await this.setValues([{ key, value }], nowMs);
  }

  /** One lock, one read and one atomic replace of values.json for all of them. */
  async setValues(entries: readonly { key: string; value: unknown }[], nowMs: number): Promise<void> {
    if (!entries.length) return;
    await this.init();
    await withLock(this.path('lock'), async () => {
      const values = await this.readValues();
      for (const { key, value } of entries) values[key] = { value, ts: nowMs / 1000 };
      await writeSmallFileAtomic(this.path('values.json'), JSON.stringify(values));
    });
  }

  // ---- living-message references ---------------------------------------------------------------

  async getMessageRef(sinkId: string, conversation: string, nowMs: number): Promise<MessageRefRecord | undefined> {
    return this.messageRefs.get(sinkId, conversation, nowMs);
  }

  async putMessageRefIfAbsent(record: MessageRefRecord, nowMs: number): Promise<boolean> {
    await this.init();
    return this.messageRefs.putIfAbsent(record, nowMs);
  }

  async putMessageRef(record: MessageRefRecord, nowMs: number): Promise<void> {
    await this.init();
    await this.messageRefs.put(record, nowMs);
  }

  // ---- audit -------------------------------------------------------------------------------

  async appendAudit(entry: AuditEntry, sealer: AuditSealer): Promise<void> {
    await this.init();
    await this.audit.append(entry, sealer);
  }

  readAudit(): AsyncIterable<AuditLine> {
    return this.audit.read();
  }

  readAuditHead(): Promise<{ source: string; text: string } | undefined> {
    return this.audit.head();
  }

  // ---- snapshots and upkeep ----------------------------------------------------------------

  async exportSnapshot(nowMs: number): Promise<StateSnapshot> {
    await this.init();
    this.dedup.refresh();
    const cursors: Record<string, number> = {};
    for (const name of await readdir(join(this.dir, 'cursors')).catch(() => [] as string[])) {
      const offset = await this.getCursor(name);
      if (offset !== undefined) cursors[name] = offset;
    }
    return {
      schemaVersion: 1,
      dedup: this.dedup.live(nowMs),
      deadLetters: await this.letters.list(),
      cursors,
      values: await this.readValues(),
      removedDeadLetters: await this.letters.tombstones(),
      messageRefs: await this.messageRefs.list(nowMs),
    };
  }

  async importSnapshot(snapshot: StateSnapshot, nowMs: number): Promise<void> {
    const merged = mergeSnapshots(await this.exportSnapshot(nowMs), snapshot, nowMs, this.policy.windowMs);
    await withLock(this.path('lock'), async () => {
      await this.dedup.rewrite(merged.dedup);
      await this.letters.replaceAll(merged.deadLetters);
      await this.letters.writeTombstones(merged.removedDeadLetters ?? {});
      await writeFileAtomic(this.path('values.json'), JSON.stringify(merged.values));
      await this.messageRefs.replaceAll(merged.messageRefs ?? [], nowMs);
    });
    for (const [name, offset] of Object.entries(merged.cursors)) await this.setCursor(name, offset);
  }

  /** Rewrites dedup.jsonl with only live entries, and drops claims of dead processes. */
  async prune(nowMs: number): Promise<{ dedupRemoved: number }> {
    await this.init();
    let removed = 0;
    await withLock(this.path('lock'), async () => {
      this.dedup.refresh();
      const live = this.dedup.live(nowMs);
      removed = Math.max(0, this.dedup.bloat.lines - live.length);
      await this.dedup.rewrite(live);
      await this.dedup.pruneClaims(nowMs);
    });
    return { dedupRemoved: removed };
  }

  /** Compacts when the file holds far more lines than live entries, so it never grows forever. */
  async compactIfNeeded(nowMs: number): Promise<void> {
    await this.init();
    if (this.dedup.needsCompaction(nowMs)) await this.prune(nowMs);
  }

  async summary(nowMs: number): Promise<StateSummary> {
    const snapshot = await this.exportSnapshot(nowMs);
    return {
      backend: this.backend,
      location: this.dir,
      dedupEntries: snapshot.dedup.length,
      deadLetters: snapshot.deadLetters.length,
      cursors: Object.keys(snapshot.cursors).length,
      values: Object.keys(snapshot.values).length,
    };
  }

  async close(): Promise<void> {
    // Nothing to compact when the folder never opened (the run has warned about that already).
    const opened = await this.ready?.then(() => true, () => false);
    if (opened) await this.compactIfNeeded(Date.now()).catch((e) => this.log.warn(`state compaction skipped: ${(e as Error).message}`));
    this.dedup.close();
    await this.audit.close();
  }
}
