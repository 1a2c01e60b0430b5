import type { AuditEntry, AuditLine, AuditSealer } from './store.js';
export declare class DirAuditLog {
    private readonly dir;
    private batch;
    private timer;
    private flushing;
    /** The head this process wrote last, as text: finding it unchanged needs no seal check. */
    private lastHead;
    private ready;
    private readonly headFile;
    private readonly chainFile;
    private headIno;
    private readonly lock;
    constructor(dir: string);
    private path;
    /**
     * Queues the entry; it is sealed and written with the others queued within FLUSH_MS (one write
     * of all their lines and one of the head, under one lock holding), and the promise settles when
     * its batch is on disk. A caller that does not wait for each entry before the next (the
     * dispatcher) gets batches; one that waits pays FLUSH_MS of wall time per entry, not CPU.
     */
    append(entry: AuditEntry, sealer: AuditSealer): Promise<void>;
    /** Writes what is queued (in order: a flush waits for the one before it). */
    flush(): Promise<void>;
    close(): Promise<void>;
    private writeBatch;
    /** Appends `lines` (one write) to the tip's file; the tip with the file's size after them. */
    private writeLines;
    /**
     * The tip from the head (the one this process wrote, or any with a valid seal), brought up to
     * date with what the chain file gained since; without a usable head, from the whole chain.
     * A chain shorter than its head (entries deleted) goes on from the head's hmac, so the gap stays
     * visible to `herald audit verify` instead of being papered over by a fresh start.
     */
    private currentTip;
    /** The head as stored, when this process wrote it or its seal holds. */
    private headFromFile;
    /**
     * head.json is one fixed-size record rewritten in place (one pwrite of HEAD_BYTES at offset 0)
     * on a descriptor kept open: no rename per entry, which costs more than the rest of an append
     * on some filesystems (overlayfs), and no moment at which the head is missing.
     */
    private readHead;
    private writeHead;
    /** Reads the whole chain: the entry count, the last hmac (Bernstein's recovery rule) and where it ends. */
    private scan;
    private files;
    read(): AsyncIterable<AuditLine>;
    head(): Promise<{
        source: string;
        text: string;
    } | undefined>;
}
