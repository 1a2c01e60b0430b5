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
    /** Sinks this process holds the lease of (with a reentrancy count), and what it has in flight. */
    private readonly leases;
    private readonly inFlight;
    private readonly claimFiles;
    private readonly file;
    private readonly claimsDir;
    constructor(dir: string, policy: DedupPolicy, log: Logger);
    /**
     * Reads what other processes appended since last time (or everything after a compaction).
     * The hot path (claim, confirm) uses synchronous calls: each is microseconds, while a round
     * trip through libuv's thread pool per call would dominate delivery time.
     */
    refresh(): void;
    /**
     * Remembers every entry of whole lines of dedup.jsonl. Herald's own lines are matched in place
     * (a 100,000-line state is read at the start of every send, and one JSON object per line was
     * most of that cost); any other line (Bernstein's, escaped ids) goes through JSON.parse.
     */
    private load;
    private remember;
    private warnedEviction;
    isSeen(sinkId: string, eventId: string, nowMs: number, ownOnly?: boolean): boolean;
    private claimPath;
    claim(sinkId: string, eventId: string, nowMs: number, options?: ClaimOptions): Promise<ClaimResult>;
    lease(sinkId: string): Promise<() => Promise<void>>;
    private leasePath;
    /** Waits while a live process delivers to the same sink; a dead holder's lease is taken over. */
    private acquireLease;
    isStaleClaim(path: string, nowMs: number): Promise<boolean>;
    confirm(sinkId: string, eventId: string, nowMs: number): Promise<void>;
    release(sinkId: string, eventId: string): Promise<void>;
    private dropClaim;
    close(): void;
    /** Entries still inside the window, oldest first. */
    live(nowMs: number): DedupEntry[];
    /** Lines in the file now, against entries worth keeping: the compaction trigger. */
    get bloat(): {
        lines: number;
        kept: number;
    };
    /** Replaces the file with exactly these entries (the caller holds the state lock). */
    rewrite(entries: DedupEntry[]): Promise<void>;
    /** Drops claim files of dead or hung processes (the caller holds the state lock). */
    pruneClaims(nowMs: number): Promise<void>;
}
/** One dedup.jsonl line, as Python's json.dumps writes it (this is on the hot path). */
export declare function encodeDedup(entry: DedupEntry): string;
