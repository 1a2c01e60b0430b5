import type { Logger } from '../core/context.js';
export interface MessageRefRecord {
    /** The sink's state key (its id, with a hash of where it posts). */
    sink_id: string;
    conversation: string;
    /** Where the message lives; null while a process is posting it (a claim). */
    ref: {
        id: string;
        channel?: string;
    } | null;
    /** Unix seconds when it was written. */
    ts: number;
    /** Unix seconds after which it is forgotten. */
    expires: number;
    /** The stages the message has shown, oldest first ("⏳ started", "❌ failure"), for `format: rich`. */
    stages?: string[];
}
export declare function messageRefKey(sinkId: string, conversation: string): string;
export declare function isLive(record: MessageRefRecord | undefined, nowMs: number): record is MessageRefRecord;
/** Newer reference wins; expired ones and claims (which belong to a process, not a snapshot) are dropped. */
export declare function mergeMessageRefs(a: readonly MessageRefRecord[] | undefined, b: readonly MessageRefRecord[] | undefined, nowMs: number): MessageRefRecord[];
export declare class DirMessageRefs {
    private readonly lockPath;
    private readonly log;
    private readonly file;
    constructor(dir: string, lockPath: string, log: Logger);
    private read;
    /** Writes what is live (so the file never grows past the open conversations). */
    private write;
    get(sinkId: string, conversation: string, nowMs: number): Promise<MessageRefRecord | undefined>;
    /** Stores the record unless a live one (reference or claim) is there; true when stored. */
    putIfAbsent(record: MessageRefRecord, nowMs: number): Promise<boolean>;
    put(record: MessageRefRecord, nowMs: number): Promise<void>;
    list(nowMs: number): Promise<MessageRefRecord[]>;
    /** Replaces every reference (a merged snapshot); claims in flight are kept. Call under the lock. */
    replaceAll(records: readonly MessageRefRecord[], nowMs: number): Promise<void>;
}
