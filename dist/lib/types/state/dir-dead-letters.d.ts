import type { Logger } from '../core/context.js';
import type { DeadLetter } from './store.js';
export declare const DEAD_LETTER_MAX_BYTES: number;
export declare class DirDeadLetters {
    private readonly dir;
    private readonly lockPath;
    private readonly log;
    private readonly maxBytes;
    constructor(dir: string, lockPath: string, log: Logger, maxBytes?: number);
    files(): Promise<string[]>;
    add(letter: DeadLetter): Promise<void>;
    /** Renames to dead_letter.jsonl.<unix seconds>-<seq>; link() refuses to overwrite, so names never collide. */
    private rotate;
    list(): Promise<DeadLetter[]>;
    private tombstonePath;
    /** Ids of removed letters → when (seconds); see mergeSnapshots. */
    tombstones(): Promise<Record<string, number>>;
    writeTombstones(tombstones: Record<string, number>): Promise<void>;
    remove(ids: readonly string[], nowMs?: number): Promise<number>;
    /** Replaces every file with exactly these letters (the caller holds the state lock). */
    replaceAll(letters: DeadLetter[]): Promise<void>;
}
/** Bernstein's record (sorted keys, Python separators) plus Herald's `id` and `attempts`. */
export declare function encodeDeadLetter(letter: DeadLetter): string;
export declare function deadLetterId(sinkId: string, eventId: string, tsSeconds: number): string;
