// The dedup half of the `dir` backend: dedup.jsonl (Bernstein's lines plus `sink_id`), an LRU of
// what it holds, and claims (dir-claims.ts) that keep two processes on one host from delivering
// the same (sink, event). A large file is not parsed while a send needs only a few keys: it is
// searched for the ids at hand (dedup-lookup.ts), and parsed whole only when that costs less.
import { closeSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/context.js';
import { APPEND_NOFOLLOW, READ_NOFOLLOW, openNoFollowSync, writeFileAtomic } from './files.js';
import { DirClaims } from './dir-claims.js';
import { findEntries, sampleLines } from './dedup-lookup.js';
import { encodeDedup, readDedupLines } from './dedup-lines.js';
import type { ClaimOptions, ClaimResult, DedupEntry, DedupPolicy } from './store.js';

// Below this a file is parsed whole (a few ms); above it, searched per event id.
const SEARCH_MIN_BYTES = 512 * 1024;
// Each search reads the whole file; past this many ids (a batch), one parse costs less.
const MAX_SEARCHED_IDS = 16;

export class DirDedupLog {
  private readonly dedup = new Map<string, number>(); // "sink\0event" → ts ms, in insertion (LRU) order
  private dedupOffset = 0;
  private dedupInode = -1;
  private dedupLines = 0;
  private dedupFd: number | undefined;
  private dedupReadFd: number | undefined;
  /**
   * How many of the file's first bytes are not parsed (0: none), while it is large and few ids
   * were asked for: `dedup` then holds what they hold for `searchedIds`, and every entry after them.
   */
  private unparsedBytes = 0;
  private readonly searchedIds = new Set<string>();
  /** Set once searching gave way to parsing, until the file is replaced. */
  private parseWhole = false;
  /** What this process has in flight (claimed, not yet confirmed or released). */
  private readonly inFlight = new Set<string>();
  private readonly claims: DirClaims;
  private readonly file: string;

  constructor(
    dir: string,
    private readonly policy: DedupPolicy,
    private readonly log: Logger,
  ) {
    this.file = join(dir, 'dedup.jsonl');
    this.claims = new DirClaims(join(dir, 'claims'), log);
  }

  /**
   * Reads what other processes appended since last time (or everything after a compaction).
   * The hot path (claim, confirm) uses synchronous calls: each is microseconds, while a round
   * trip through libuv's thread pool per call would dominate delivery time.
   */
  refresh(): void {
    const file = this.file;
    let info;
    try {
      info = statSync(file);
    } catch {
      return;
    }
    if (info.ino !== this.dedupInode || info.size < this.dedupOffset) {
      this.forget();
      this.parseWhole = false;
      this.dedupInode = info.ino;
      if (this.dedupReadFd !== undefined) closeSync(this.dedupReadFd);
      this.dedupReadFd = undefined;
    }
    if (info.size === this.dedupOffset) return;
    const fd = (this.dedupReadFd ??= openNoFollowSync(file, READ_NOFOLLOW));
    // A large file is left unparsed up to its last whole line; only its end is read, to find that.
    const from = this.dedupOffset === 0 && !this.parseWhole && info.size >= SEARCH_MIN_BYTES ? Math.max(0, info.size - 64 * 1024) : this.dedupOffset;
    const buffer = Buffer.allocUnsafe(info.size - from);
    const read = readSync(fd, buffer, 0, buffer.length, from);
    const end = buffer.subarray(0, read).lastIndexOf(0x0a) + 1; // a line still being written waits for next time
    if (from > this.dedupOffset && end > 0) {
      this.unparsedBytes = from + end;
      this.dedupOffset = from + end;
      return;
    }
    if (from > this.dedupOffset) {
      this.parseWhole = true; // a last line longer than 64 KiB
      return this.refresh();
    }
    this.load(buffer.subarray(0, end).toString('utf8'));
    this.dedupOffset += end;
  }

  private forget(): void {
    this.dedup.clear();
    this.dedupOffset = 0;
    this.dedupLines = 0;
    this.unparsedBytes = 0;
    this.searchedIds.clear();
  }

  /** Gives up searching: reads the whole file into `dedup`, as every send did before. */
  private parseAll(): void {
    if (!this.unparsedBytes) return;
    this.forget();
    this.parseWhole = true;
    this.refresh();
  }

  /** Brings what the unparsed bytes hold for this event id into `dedup`. */
  private search(eventId: string): void {
    // An empty id is never deduplicated, so it has no entries to find.
    if (!this.unparsedBytes || !eventId || this.searchedIds.has(eventId)) return;
    const found = this.searchedIds.size < MAX_SEARCHED_IDS ? findEntries(this.dedupReadFd!, this.unparsedBytes, eventId) : undefined;
    if (!found) return this.parseAll();
    this.searchedIds.add(eventId);
    for (const [sinkId, tsMs] of found) {
      // What was read after the unparsed bytes is newer and wins, as it would line by line.
      const key = `${sinkId}\u0000${eventId}`;
      if (!this.dedup.has(key)) this.dedup.set(key, tsMs);
    }
  }

  /** Remembers every entry of whole lines of dedup.jsonl (dedup-lines.ts reads them). */
  private load(text: string): void {
    this.dedupLines += readDedupLines(
      text,
      this.dedupLines + 1,
      (entry) => this.remember(entry.sinkId, entry.eventId, entry.tsMs),
      (line) => this.log.warn(`${this.file}: skipped line ${line} (not valid JSON)`),
    );
  }

  private remember(sinkId: string, eventId: string, tsMs: number): void {
    const key = `${sinkId}\u0000${eventId}`;
    this.dedup.delete(key);
    this.dedup.set(key, tsMs);
    while (this.dedup.size > this.policy.lruSize) {
      const oldest = this.dedup.keys().next().value!;
      const oldestMs = this.dedup.get(oldest)!;
      this.dedup.delete(oldest);
      // Forgetting an entry still inside the window means its event could be sent again: say so once.
      if (!this.warnedEviction && tsMs - oldestMs < this.policy.windowMs) {
        this.warnedEviction = true;
        this.log.warn(`dedup_lru_size (${this.policy.lruSize}) is full of entries still inside dedup_window_seconds (${Math.round(this.policy.windowMs / 1000)} s): the oldest are forgotten early and could be sent again; raise dedup_lru_size (up to 1000000)`);
      }
    }
  }
  private warnedEviction = false;

  isSeen(sinkId: string, eventId: string, nowMs: number, ownOnly = false): boolean {
    this.search(eventId);
    for (const key of ownOnly ? [`${sinkId}\u0000${eventId}`] : [`${sinkId}\u0000${eventId}`, `*\u0000${eventId}`]) {
      const ts = this.dedup.get(key);
      if (ts !== undefined && nowMs - ts < this.policy.windowMs) return true;
    }
    return false;
  }

  async claim(sinkId: string, eventId: string, nowMs: number, options: ClaimOptions = {}): Promise<ClaimResult> {
    const ownOnly = Boolean(options.ownOnly);
    const key = `${sinkId}\u0000${eventId}`;
    if (this.claims.holdsLease(sinkId)) {
      // Under the sink's lease no other process delivers to this sink, and what was delivered
      // before was read when the lease was taken: memory is enough.
      if (this.isSeen(sinkId, eventId, nowMs, ownOnly)) return 'seen';
      if (this.inFlight.has(key)) return 'busy';
      this.inFlight.add(key);
      return 'new';
    }
    this.refresh();
    if (this.isSeen(sinkId, eventId, nowMs, ownOnly)) return 'seen';
    if (this.inFlight.has(key)) return 'busy';
    if (!(await this.claims.take(sinkId, eventId, nowMs))) return 'busy';
    // Another process may have confirmed between our check and the claim.
    this.refresh();
    if (this.isSeen(sinkId, eventId, nowMs, ownOnly)) {
      this.claims.drop(sinkId, eventId);
      return 'seen';
    }
    this.inFlight.add(key);
    return 'new';
  }

  /**
   * Exclusive use of a sink by this process for a batch (see DirClaims.lease). A batch of more
   * events than are worth searching for reads the file whole at once.
   */
  async lease(sinkId: string, claims = 0): Promise<() => Promise<void>> {
    const release = await this.claims.lease(sinkId, () => this.refresh());
    if (claims > MAX_SEARCHED_IDS) this.parseAll();
    return release;
  }

  /** Drops claim files of dead or hung processes (the caller holds the state lock). */
  pruneClaims(nowMs: number): Promise<void> {
    return this.claims.prune(nowMs);
  }

  async confirm(sinkId: string, eventId: string, nowMs: number): Promise<void> {
    if (eventId) {
      this.dedupFd ??= openNoFollowSync(this.file, APPEND_NOFOLLOW);
      // One write() per whole line with O_APPEND: concurrent writers never interleave inside a line.
      writeSync(this.dedupFd, encodeDedup({ event_id: eventId, ts: nowMs / 1000, sink_id: sinkId }));
      this.remember(sinkId, eventId, nowMs);
    }
    this.dropClaim(sinkId, eventId);
  }

  async release(sinkId: string, eventId: string): Promise<void> {
    this.dropClaim(sinkId, eventId);
  }

  private dropClaim(sinkId: string, eventId: string): void {
    this.inFlight.delete(`${sinkId}\u0000${eventId}`);
    this.claims.drop(sinkId, eventId);
  }

  close(): void {
    if (this.dedupFd !== undefined) closeSync(this.dedupFd);
    if (this.dedupReadFd !== undefined) closeSync(this.dedupReadFd);
    this.dedupFd = undefined;
    this.dedupReadFd = undefined;
    if (this.unparsedBytes) {
      // Searching needs the read descriptor: a later use starts over.
      this.forget();
      this.dedupInode = -1;
    }
  }

  /** Entries still inside the window, oldest first. */
  live(nowMs: number): DedupEntry[] {
    this.parseAll();
    const live: DedupEntry[] = [];
    for (const [key, ts] of this.dedup) {
      if (nowMs - ts >= this.policy.windowMs) continue;
      const [sink_id, event_id] = key.split('\u0000') as [string, string];
      live.push({ sink_id, event_id, ts: ts / 1000 });
    }
    return live;
  }

  /** How many entries are held in memory (a large file searched, not parsed, holds few). */
  get heldEntries(): number {
    return this.dedup.size;
  }

  /** Lines in the file now, against entries worth keeping: the compaction trigger. */
  get bloat(): { lines: number; kept: number } {
    this.parseAll();
    return { lines: this.dedupLines, kept: this.dedup.size };
  }

  /**
   * Whether the file holds more than twice the entries worth keeping: duplicates, entries past
   * the LRU bound, or past the window. A large unparsed file is judged from a few lines in its
   * middle, without counting: lines are appended in time order, so when the middle one is past the
   * window, so is half the file; and their length tells about how many lines the file holds.
   */
  needsCompaction(nowMs: number): boolean {
    if (this.unparsedBytes) {
      const middle = sampleLines(this.dedupReadFd!, this.unparsedBytes >> 1, this.unparsedBytes);
      if (!middle) return false;
      return nowMs - middle.tsMs >= this.policy.windowMs || this.unparsedBytes / middle.lineBytes > 2 * this.policy.lruSize;
    }
    if (this.dedupLines <= 1000) return false;
    let live = 0;
    for (const ts of this.dedup.values()) if (nowMs - ts < this.policy.windowMs) live++;
    return this.dedupLines > 2 * live;
  }

  /** Replaces the file with exactly these entries (the caller holds the state lock). */
  async rewrite(entries: DedupEntry[]): Promise<void> {
    this.close();
    await writeFileAtomic(this.file, entries.map(encodeDedup).join(''));
    this.refresh();
  }
}
