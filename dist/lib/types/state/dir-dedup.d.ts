import type { Logger } from '../core/context.js';
import type { ClaimOptions, ClaimResult, DedupEntry, DedupPolicy } from './store.js';
export declare class DirDedupLog {
    private readonly policy;
    private readonly log;
    private readonly dedup;
    private dedupOffset;
    private dedupInode;
    private dedupLines;
    private dedupFd;
    private dedupReadFd;
    /**
     * How many of the file's first bytes are not parsed (0: none), while it is large and few ids
     * were asked for: `dedup` then holds what they hold for `searchedIds`, and every entry after them.
     */
    private unparsedBytes;
    private readonly searchedIds;
    /** Set once searching gave way to parsing, until the file is replaced. */
    private parseWhole;
    /** What this process has in flight (claimed, not yet confirmed or released). */
    private readonly inFlight;
    private readonly claims;
    private readonly file;
    constructor(dir: string, policy: DedupPolicy, log: Logger);
    /**
     * Reads what other processes appended since last time (or everything after a compaction).
     * The hot path (claim, confirm) uses synchronous calls: each is microseconds, while a round
     * trip through libuv's thread pool per call would dominate delivery time.
     */
    refresh(): void;
    private forget;
    /** Gives up searching: reads the whole file into `dedup`, as every send did before. */
    private parseAll;
    /** Brings what the unparsed bytes hold for this event id into `dedup`. */
    private search;
    /** Remembers every entry of whole lines of dedup.jsonl (dedup-lines.ts reads them). */
    private load;
    private remember;
    private warnedEviction;
    isSeen(sinkId: string, eventId: string, nowMs: number, ownOnly?: boolean): boolean;
    claim(sinkId: string, eventId: string, nowMs: number, options?: ClaimOptions): Promise<ClaimResult>;
    /**
     * Exclusive use of a sink by this process for a batch (see DirClaims.lease). A batch of more
     * events than are worth searching for reads the file whole at once.
     */
    lease(sinkId: string, claims?: number): Promise<() => Promise<void>>;
    /** Drops claim files of dead or hung processes (the caller holds the state lock). */
    pruneClaims(nowMs: number): Promise<void>;
    confirm(sinkId: string, eventId: string, nowMs: number): Promise<void>;
    release(sinkId: string, eventId: string): Promise<void>;
    private dropClaim;
    close(): void;
    /** Entries still inside the window, oldest first. */
    live(nowMs: number): DedupEntry[];
    /** How many entries are held in memory (a large file searched, not parsed, holds few). */
    get heldEntries(): number;
    /** Lines in the file now, against entries worth keeping: the compaction trigger. */
    get bloat(): {
        lines: number;
        kept: number;
    };
    /**
     * Whether the file holds more than twice the entries worth keeping: duplicates, entries past
     * the LRU bound, or past the window. A large unparsed file is judged from a few lines in its
     * middle, without counting: lines are appended in time order, so when the middle one is past the
     * window, so is half the file; and their length tells about how many lines the file holds.
     */
    needsCompaction(nowMs: number): boolean;
    /** Replaces the file with exactly these entries (the caller holds the state lock). */
    rewrite(entries: DedupEntry[]): Promise<void>;
}
