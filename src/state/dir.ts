// The `dir` backend: .herald/state/ (or HERALD_STATE_DIR / --state-dir). Files are 0600 in a 0700
// folder, appended whole-line or replaced atomically, and shared safely by processes on one host:
// dedup claims are O_EXCL files, and everything that rewrites takes the lock.
import { createHash } from 'node:crypto';
import { open, readdir, rm, stat, link, unlink, readFile } from 'node:fs/promises';
import { closeSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PyFloat, pythonJson } from '../core/python-format.js';
import type { Logger } from '../core/context.js';
import { ensurePrivateDir, parseJsonl, readTextIfExists, writeFileAtomic } from './files.js';
import { isAlive, withLock } from './lock.js';
import { mergeSnapshots } from './merge.js';
import type { AuditEntry, ClaimResult, DeadLetter, DedupEntry, DedupPolicy, StateSnapshot, StateStore, StateSummary } from './store.js';
import { GENESIS_HMAC } from './store.js';

export const DEAD_LETTER_MAX_BYTES = 5 * 1024 * 1024;
const CLAIM_TTL_MS = 10 * 60_000; // a claim older than this belongs to a hung process
const LEASE_WAIT_MS = 5 * 60_000;
const EMPTY_CLAIM_STALE_MS = 2_000;

export class DirStore implements StateStore {
  readonly backend = 'dir';
  private readonly dedup = new Map<string, number>(); // "sink\0event" → ts ms, in insertion (LRU) order
  private dedupOffset = 0;
  private dedupInode = -1;
  private dedupLines = 0;
  private dedupFd: number | undefined;
  private dedupReadFd: number | undefined;
  private ready: Promise<void> | undefined;
  /** Sinks this process holds the lease of (with a reentrancy count), and what it has in flight. */
  private readonly leases = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private readonly claimFiles = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly policy: DedupPolicy,
    private readonly log: Logger,
    private readonly deadLetterMaxBytes = DEAD_LETTER_MAX_BYTES,
  ) {}

  private path(name: string): string {
    return join(this.dir, name);
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      await ensurePrivateDir(this.dir);
      await ensurePrivateDir(this.path('claims'));
      this.refreshDedup();
    })();
    return this.ready;
  }

  // ---- dedup -------------------------------------------------------------------------------

  /**
   * Reads what other processes appended since last time (or everything after a compaction).
   * The hot path (claim, confirm) uses synchronous calls: each is microseconds, while a round
   * trip through libuv's thread pool per call would dominate delivery time.
   */
  private refreshDedup(): void {
    const file = this.path('dedup.jsonl');
    let info;
    try {
      info = statSync(file);
    } catch {
      return;
    }
    if (info.ino !== this.dedupInode || info.size < this.dedupOffset) {
      this.dedup.clear();
      this.dedupOffset = 0;
      this.dedupLines = 0;
      this.dedupInode = info.ino;
      if (this.dedupReadFd !== undefined) closeSync(this.dedupReadFd);
      this.dedupReadFd = undefined;
    }
    if (info.size === this.dedupOffset) return;
    const fd = (this.dedupReadFd ??= openSync(file, 'r'));
    {
      const length = info.size - this.dedupOffset;
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, this.dedupOffset);
      const end = buffer.lastIndexOf(0x0a) + 1; // a line still being written waits for next time
      const text = buffer.subarray(0, end).toString('utf8');
      const lines = parseJsonl<{ event_id?: string; ts?: number; sink_id?: string }>(text, (line, reason) =>
        this.log.warn(`${file}: skipped line ${line} (${reason})`),
      );
      for (const { value } of lines) {
        this.dedupLines++;
        if (!value.event_id || typeof value.ts !== 'number') continue;
        // Bernstein's lines carry no sink: they stand for every sink.
        this.remember(value.sink_id ?? '*', value.event_id, value.ts * 1000);
      }
      this.dedupOffset += end;
    }
  }

  private remember(sinkId: string, eventId: string, tsMs: number): void {
    const key = `${sinkId}\u0000${eventId}`;
    this.dedup.delete(key);
    this.dedup.set(key, tsMs);
    while (this.dedup.size > this.policy.lruSize) {
      this.dedup.delete(this.dedup.keys().next().value!);
    }
  }

  private isSeen(sinkId: string, eventId: string, nowMs: number): boolean {
    for (const key of [`${sinkId}\u0000${eventId}`, `*\u0000${eventId}`]) {
      const ts = this.dedup.get(key);
      if (ts !== undefined && nowMs - ts < this.policy.windowMs) return true;
    }
    return false;
  }

  private claimPath(sinkId: string, eventId: string): string {
    return join(this.dir, 'claims', createHash('sha256').update(`${sinkId}\u0000${eventId}`).digest('hex').slice(0, 40));
  }

  async claim(sinkId: string, eventId: string, nowMs: number): Promise<ClaimResult> {
    await this.init();
    this.refreshDedup();
    if (this.isSeen(sinkId, eventId, nowMs)) return 'seen';
    const key = `${sinkId}\u0000${eventId}`;
    if (this.inFlight.has(key)) return 'busy';
    if (this.leases.has(sinkId)) {
      // Under the sink's lease no other process delivers to this sink: memory is enough.
      this.inFlight.add(key);
      return 'new';
    }
    const path = this.claimPath(sinkId, eventId);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, `${process.pid} ${nowMs}\n`);
        closeSync(fd);
        // Another process may have confirmed between our check and the claim.
        this.refreshDedup();
        if (this.isSeen(sinkId, eventId, nowMs)) {
          rmSync(path, { force: true });
          return 'seen';
        }
        this.inFlight.add(key);
        this.claimFiles.add(key);
        return 'new';
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (!(await this.isStaleClaim(path, nowMs))) return 'busy';
        await rm(path, { force: true });
      }
    }
    return 'busy';
  }

  async lease(sinkId: string): Promise<() => Promise<void>> {
    await this.init();
    const held = this.leases.get(sinkId) ?? 0;
    if (held === 0) await this.acquireLease(sinkId);
    this.leases.set(sinkId, held + 1);
    return async () => {
      const count = (this.leases.get(sinkId) ?? 1) - 1;
      if (count > 0) {
        this.leases.set(sinkId, count);
        return;
      }
      this.leases.delete(sinkId);
      rmSync(this.leasePath(sinkId), { force: true });
    };
  }

  private leasePath(sinkId: string): string {
    return join(this.dir, 'claims', `${createHash('sha256').update(sinkId).digest('hex').slice(0, 24)}.lease`);
  }

  /** Waits while a live process delivers to the same sink; a dead holder's lease is taken over. */
  private async acquireLease(sinkId: string): Promise<void> {
    const path = this.leasePath(sinkId);
    const started = Date.now();
    let told = false;
    for (;;) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, `${process.pid} ${Date.now()}\n`);
        closeSync(fd);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number((await readTextIfExists(path)).trim().split(' ')[0]);
      if (holder && !isAlive(holder)) {
        rmSync(path, { force: true });
        continue;
      }
      const waitedMs = Date.now() - started;
      if (!told && waitedMs > 2000) {
        this.log.info(`waiting for another herald process (pid ${holder}) delivering to sink '${sinkId}'`);
        told = true;
      }
      if (waitedMs > LEASE_WAIT_MS) {
        // Never lose an event over a hung neighbour: per-event claims still prevent doubles.
        this.log.warn(`sink '${sinkId}' is still held by pid ${holder} after ${LEASE_WAIT_MS / 1000} s; going on with per-event claims`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async isStaleClaim(path: string, nowMs: number): Promise<boolean> {
    const text = await readTextIfExists(path);
    const [pidText, tsText] = text.trim().split(' ');
    const pid = Number(pidText);
    const ts = Number(tsText);
    // An empty file is a claim being written — or one whose writer died between create and write
    // (kill -9): the write follows the create at once, so an empty file that is not new is stale.
    if (text === '') return nowMs - ((await stat(path).catch(() => undefined))?.mtimeMs ?? nowMs) > EMPTY_CLAIM_STALE_MS;
    if (!pid || !ts) return true;
    return !isAlive(pid) || nowMs - ts > CLAIM_TTL_MS;
  }

  async confirm(sinkId: string, eventId: string, nowMs: number): Promise<void> {
    await this.init();
    if (eventId) {
      this.dedupFd ??= openSync(this.path('dedup.jsonl'), 'a', 0o600);
      // One write() per whole line with O_APPEND: concurrent writers never interleave inside a line.
      writeSync(this.dedupFd, pythonJson({ event_id: eventId, ts: new PyFloat(nowMs / 1000), sink_id: sinkId }) + '\n');
      this.remember(sinkId, eventId, nowMs);
    }
    this.dropClaim(sinkId, eventId);
  }

  async release(sinkId: string, eventId: string): Promise<void> {
    this.dropClaim(sinkId, eventId);
  }

  private dropClaim(sinkId: string, eventId: string): void {
    const key = `${sinkId}\u0000${eventId}`;
    this.inFlight.delete(key);
    if (this.claimFiles.delete(key)) rmSync(this.claimPath(sinkId, eventId), { force: true });
  }

  private closeDedupFile(): void {
    if (this.dedupFd !== undefined) closeSync(this.dedupFd);
    if (this.dedupReadFd !== undefined) closeSync(this.dedupReadFd);
    this.dedupFd = undefined;
    this.dedupReadFd = undefined;
  }

  // ---- dead letters ------------------------------------------------------------------------

  private async deadLetterFiles(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const rotated = names.filter((n) => n.startsWith('dead_letter.jsonl.') && !n.endsWith('.tmp')).sort();
    return [...rotated, 'dead_letter.jsonl'].map((n) => this.path(n));
  }

  async addDeadLetter(letter: DeadLetter): Promise<void> {
    await this.init();
    await withLock(this.path('lock'), async () => {
      const file = this.path('dead_letter.jsonl');
      const size = await stat(file).then((s) => s.size, () => 0);
      if (size >= this.deadLetterMaxBytes) await this.rotate(file);
      const handle = await open(file, 'a', 0o600);
      try {
        await handle.write(encodeDeadLetter(letter) + '\n');
      } finally {
        await handle.close();
      }
    });
  }

  /** Renames to dead_letter.jsonl.<unix seconds>-<seq>; link() refuses to overwrite, so names never collide. */
  private async rotate(file: string): Promise<void> {
    const seconds = Math.floor(Date.now() / 1000);
    for (let seq = 0; ; seq++) {
      const target = `${file}.${seconds}-${String(seq).padStart(4, '0')}`;
      try {
        await link(file, target);
        await unlink(file);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    await this.init();
    const byId = new Map<string, DeadLetter>();
    for (const file of await this.deadLetterFiles()) {
      const text = await readTextIfExists(file);
      for (const { value } of parseJsonl<Partial<DeadLetter>>(text, (line, reason) => this.log.warn(`${file}: skipped line ${line} (${reason})`))) {
        const letter = normalizeDeadLetter(value);
        if (!letter) continue;
        const current = byId.get(letter.id);
        if (!current || letter.ts >= current.ts) byId.set(letter.id, letter);
      }
    }
    return [...byId.values()].sort((a, b) => a.ts - b.ts);
  }

  async removeDeadLetters(ids: readonly string[]): Promise<number> {
    await this.init();
    const drop = new Set(ids);
    let removed = 0;
    await withLock(this.path('lock'), async () => {
      for (const file of await this.deadLetterFiles()) {
        const text = await readTextIfExists(file);
        if (!text) continue;
        const kept: string[] = [];
        let changed = false;
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          let letter: DeadLetter | null = null;
          try {
            letter = normalizeDeadLetter(JSON.parse(line));
          } catch {
            /* a torn line stays as it is; readers skip it */
          }
          if (letter && drop.has(letter.id)) {
            removed++;
            changed = true;
          } else {
            kept.push(line);
          }
        }
        if (!changed) continue;
        if (kept.length || file.endsWith('dead_letter.jsonl')) await writeFileAtomic(file, kept.map((l) => l + '\n').join(''));
        else await rm(file, { force: true });
      }
    });
    return removed;
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
    this.refreshDedup();
    const dedup: DedupEntry[] = [];
    for (const [key, ts] of this.dedup) {
      if (nowMs - ts >= this.policy.windowMs) continue;
      const [sink_id, event_id] = key.split('\u0000') as [string, string];
      dedup.push({ sink_id, event_id, ts: ts / 1000 });
    }
    const cursors: Record<string, number> = {};
    for (const name of await readdir(join(this.dir, 'cursors')).catch(() => [] as string[])) {
      const offset = await this.getCursor(name);
      if (offset !== undefined) cursors[name] = offset;
    }
    return { schemaVersion: 1, dedup, deadLetters: await this.listDeadLetters(), cursors, values: await this.readValues() };
  }

  async importSnapshot(snapshot: StateSnapshot, nowMs: number): Promise<void> {
    const merged = mergeSnapshots(await this.exportSnapshot(nowMs), snapshot, nowMs, this.policy.windowMs);
    await withLock(this.path('lock'), async () => {
      this.closeDedupFile();
      await writeFileAtomic(this.path('dedup.jsonl'), merged.dedup.map(encodeDedup).join(''));
      const files = await this.deadLetterFiles();
      for (const file of files.slice(0, -1)) await rm(file, { force: true });
      await writeFileAtomic(this.path('dead_letter.jsonl'), merged.deadLetters.map((l) => encodeDeadLetter(l) + '\n').join(''));
      await writeFileAtomic(this.path('values.json'), JSON.stringify(merged.values));
    });
    for (const [name, offset] of Object.entries(merged.cursors)) await this.setCursor(name, offset);
    this.refreshDedup();
  }

  /** Rewrites dedup.jsonl with only live entries, and drops claims of dead processes. */
  async prune(nowMs: number): Promise<{ dedupRemoved: number }> {
    await this.init();
    let removed = 0;
    await withLock(this.path('lock'), async () => {
      this.refreshDedup();
      const live: DedupEntry[] = [];
      for (const [key, ts] of this.dedup) {
        if (nowMs - ts >= this.policy.windowMs) continue;
        const [sink_id, event_id] = key.split('\u0000') as [string, string];
        live.push({ sink_id, event_id, ts: ts / 1000 });
      }
      removed = Math.max(0, this.dedupLines - live.length);
      this.closeDedupFile();
      await writeFileAtomic(this.path('dedup.jsonl'), live.map(encodeDedup).join(''));
      for (const name of await readdir(this.path('claims')).catch(() => [] as string[])) {
        const path = join(this.path('claims'), name);
        if (await this.isStaleClaim(path, nowMs)) await rm(path, { force: true });
      }
    });
    this.refreshDedup();
    return { dedupRemoved: removed };
  }

  /** Compacts when the file holds far more lines than live entries, so it never grows forever. */
  async compactIfNeeded(nowMs: number): Promise<void> {
    await this.init();
    if (this.dedupLines > 1000 && this.dedupLines > 2 * this.dedup.size) await this.prune(nowMs);
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
    if (this.ready) await this.compactIfNeeded(Date.now()).catch((e) => this.log.warn(`state compaction skipped: ${(e as Error).message}`));
    this.closeDedupFile();
  }
}

function encodeDedup(entry: DedupEntry): string {
  return pythonJson({ event_id: entry.event_id, ts: new PyFloat(entry.ts), sink_id: entry.sink_id }) + '\n';
}

/** Bernstein's record (sorted keys, Python separators) plus Herald's `id` and `attempts`. */
export function encodeDeadLetter(letter: DeadLetter): string {
  return pythonJson(
    { ...letter, ts: new PyFloat(letter.ts), event: { ...letter.event, timestamp: new PyFloat(letter.event.timestamp) } },
    { sortKeys: true },
  );
}

function normalizeDeadLetter(value: Partial<DeadLetter>): DeadLetter | null {
  if (!value || typeof value !== 'object' || !value.event || !value.sink_id) return null;
  // Bernstein's records have no id: derive the same one Herald would have given them.
  const id = value.id ?? deadLetterId(value.sink_id, value.event.event_id ?? '', value.ts ?? 0);
  return {
    id,
    sink_id: value.sink_id,
    event: value.event,
    reason: value.reason ?? '',
    ts: value.ts ?? 0,
    attempts: value.attempts ?? 0,
  };
}

export function deadLetterId(sinkId: string, eventId: string, tsSeconds: number): string {
  // Without an event id, the write time (microseconds) keeps records apart yet stable across reads.
  const seed = eventId ? `${sinkId}\u0000${eventId}` : `${sinkId}\u0000\u0000${tsSeconds}`;
  return `dl-${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`;
}
