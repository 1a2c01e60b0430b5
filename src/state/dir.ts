// The `dir` backend: .herald/state/ (or HERALD_STATE_DIR / --state-dir). Files are 0600 in a 0700
// folder, appended whole-line or replaced atomically, and shared safely by processes on one host:
// dedup claims go through DirDedupLog, and everything that rewrites takes the lock.
import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pythonJson } from '../core/python-format.js';
import type { Logger } from '../core/context.js';
import { ensurePrivateDir, readTextIfExists, writeFileAtomic } from './files.js';
import { withLock } from './lock.js';
import { mergeSnapshots } from './merge.js';
import { DirDedupLog } from './dir-dedup.js';
import { DEAD_LETTER_MAX_BYTES, DirDeadLetters } from './dir-dead-letters.js';
import { DirMessageRefs, type MessageRefRecord } from './message-refs.js';
import type { AuditEntry, ClaimResult, DeadLetter, DedupPolicy, StateSnapshot, StateStore, StateSummary } from './store.js';
import { GENESIS_HMAC } from './store.js';

export { deadLetterId, encodeDeadLetter } from './dir-dead-letters.js';

export class DirStore implements StateStore {
  readonly backend = 'dir';
  private ready: Promise<void> | undefined;
  private readonly dedup: DirDedupLog;
  private readonly letters: DirDeadLetters;
  private readonly messageRefs: DirMessageRefs;

  constructor(
    readonly dir: string,
    private readonly policy: DedupPolicy,
    private readonly log: Logger,
    deadLetterMaxBytes = DEAD_LETTER_MAX_BYTES,
  ) {
    this.dedup = new DirDedupLog(dir, policy, log);
    this.letters = new DirDeadLetters(dir, this.path('lock'), log, deadLetterMaxBytes);
    this.messageRefs = new DirMessageRefs(dir, this.path('lock'), log);
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      await ensurePrivateDir(this.dir);
      await ensurePrivateDir(this.path('claims'));
      this.dedup.refresh();
    })();
    return this.ready;
  }

  // ---- dedup -------------------------------------------------------------------------------

  async claim(sinkId: string, eventId: string, nowMs: number): Promise<ClaimResult> {
    await this.init();
    return this.dedup.claim(sinkId, eventId, nowMs);
  }

  async lease(sinkId: string): Promise<() => Promise<void>> {
    await this.init();
    return this.dedup.lease(sinkId);
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
    const text = await readTextIfExists(this.path('values.json'));
    if (!text) return {};
    try {
      return JSON.parse(text) as StateSnapshot['values'];
    } catch {
      this.log.warn(`${this.path('values.json')}: not valid JSON; starting with no saved values`);
      return {};
    }
  }

  async getValue<T>(key: string): Promise<T | undefined> {
    return (await this.readValues())[key]?.value as T | undefined;
  }

  async setValue(key: string, value: unknown, nowMs: number): Promise<void> {
    await this.init();
    await withLock(this.path('lock'), async () => {
      const values = await this.readValues();
      values[key] = { value, ts: nowMs / 1000 };
      await writeFileAtomic(this.path('values.json'), JSON.stringify(values));
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

  private async auditFiles(): Promise<string[]> {
    const dir = this.path('audit');
    const names = await readdir(dir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.jsonl')).sort().map((n) => join(dir, n));
  }

  async appendAudit(entry: AuditEntry, seal: (prevHmac: string, entry: AuditEntry) => Record<string, unknown>): Promise<void> {
    await this.init();
    await ensurePrivateDir(this.path('audit'));
    await withLock(this.path('lock'), async () => {
      const prev = await this.lastAuditHmac();
      const record = seal(prev, entry);
      const file = join(this.path('audit'), `${entry.timestamp.slice(0, 10)}.jsonl`);
      const handle = await open(file, 'a', 0o600);
      try {
        await handle.write(pythonJson(record, { sortKeys: true }) + '\n');
      } finally {
        await handle.close();
      }
    });
  }

  private async lastAuditHmac(): Promise<string> {
    const files = await this.auditFiles();
    for (const file of files.reverse()) {
      const lines = (await readTextIfExists(file)).split('\n').reverse();
      for (const line of lines) {
        try {
          const hmac = (JSON.parse(line) as { hmac?: string }).hmac;
          if (hmac) return hmac;
        } catch {
          /* torn line: look further back */
        }
      }
    }
    return GENESIS_HMAC;
  }

  async *readAudit(): AsyncIterable<{ source: string; line: number; text: string }> {
    for (const file of await this.auditFiles()) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      for (let i = 0; i < lines.length; i++) if (lines[i]!.trim()) yield { source: file, line: i + 1, text: lines[i]! };
    }
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
    const { lines, kept } = this.dedup.bloat;
    if (lines > 1000 && lines > 2 * kept) await this.prune(nowMs);
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
  }
}
