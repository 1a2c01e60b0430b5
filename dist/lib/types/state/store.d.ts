import type { NotificationEvent } from '../core/event.js';
import type { MessageRefRecord } from './message-refs.js';
export type { MessageRefRecord } from './message-refs.js';
export type ClaimResult = 'new' | 'seen' | 'busy';
export interface DedupEntry {
    sink_id: string;
    event_id: string;
    /** Unix seconds of the successful delivery. */
    ts: number;
}
export interface DeadLetter {
    /** Stable per (sink, event): the same failure recorded twice is one dead letter. */
    id: string;
    sink_id: string;
    event: NotificationEvent;
    /** "permanent:<message>" or "retries_exhausted:<message>", as Bernstein writes it. */
    reason: string;
    /** Unix seconds when it was written. */
    ts: number;
    attempts: number;
}
export interface AuditEntry {
    actor: string;
    details: Record<string, unknown>;
    event_type: string;
    resource_id: string;
    resource_type: string;
    timestamp: string;
}
export interface AuditLine {
    source: string;
    line: number;
    text: string;
    torn?: boolean;
}
/**
 * What the chain's head records: how many entries there are and the last one's hmac (`file` and
 * `size` let the dir backend check cheaply that nobody appended since). Stored with a `seal`, an
 * HMAC over these fields with the audit key, so deleting entries cannot be hidden by editing it.
 */
export interface AuditHeadFields {
    count: number;
    hmac: string;
    file?: string;
    size?: number;
}
/** The key-holding half of an append: the store never sees the audit key. */
export interface AuditSealer {
    /** `entry` chained to `prevHmac`: its hmac (the new tip) and the line to store, no newline. */
    entry(prevHmac: string, entry: AuditEntry): {
        hmac: string;
        line: string;
    };
    /** The seal of a head record. */
    head(fields: AuditHeadFields): string;
}
export interface StateSnapshot {
    schemaVersion: 1;
    dedup: DedupEntry[];
    deadLetters: DeadLetter[];
    cursors: Record<string, number>;
    values: Record<string, {
        value: unknown;
        ts: number;
    }>;
    /** Dead letters replayed or dropped: id → when (seconds), so an older snapshot cannot bring them back. */
    removedDeadLetters?: Record<string, number>;
    /** Living-message references (src/state/message-refs.ts); absent in snapshots of older versions. */
    messageRefs?: MessageRefRecord[];
}
export interface StateSummary {
    backend: string;
    location: string;
    dedupEntries: number;
    deadLetters: number;
    cursors: number;
    values: number;
}
export interface ClaimOptions {
    ownOnly?: boolean;
}
export interface StateStore {
    readonly backend: string;
    /** False when nothing written outlives the process (`--state none`); absent means durable. */
    readonly durable?: boolean;
    /**
     * Claims (sink, event) for delivery: 'seen' inside the window, 'busy' while another process holds it.
     * `ownOnly`: only this sink's entries count, not a sinkless (Bernstein) one: Bernstein wrote those
     * before delivering, so they do not prove that a dead letter was delivered.
     */
    claim(sinkId: string, eventId: string, nowMs: number, options?: ClaimOptions): Promise<ClaimResult>;
    /** Records a successful delivery and drops the claim. */
    confirm(sinkId: string, eventId: string, nowMs: number): Promise<void>;
    /** Drops the claim after a failure, so a later run may try again. */
    release(sinkId: string, eventId: string): Promise<void>;
    /**
     * Optional: exclusive use of a sink by this process for a batch, where per-event claims would
     * be costly (the dir backend). `claims`: how many events the batch holds, when known (the dir
     * backend reads a large dedup.jsonl whole for a large batch rather than searching it per event).
     * Returns the release function.
     */
    lease?(sinkId: string, claims?: number): Promise<() => Promise<void>>;
    addDeadLetter(letter: DeadLetter): Promise<void>;
    listDeadLetters(): Promise<DeadLetter[]>;
    removeDeadLetters(ids: readonly string[]): Promise<number>;
    getCursor(name: string): Promise<number | undefined>;
    setCursor(name: string, offset: number): Promise<void>;
    getValue<T = unknown>(key: string): Promise<T | undefined>;
    setValue(key: string, value: unknown, nowMs: number): Promise<void>;
    /** Several values in one write (a watch's pack states at each cursor commit), not one write each. */
    setValues(entries: readonly {
        key: string;
        value: unknown;
    }[], nowMs: number): Promise<void>;
    /** The live reference (or claim) of a sink's conversation message. */
    getMessageRef(sinkId: string, conversation: string, nowMs: number): Promise<MessageRefRecord | undefined>;
    /** Stores the record only when no live one exists: atomic across processes (the parent-post claim). */
    putMessageRefIfAbsent(record: MessageRefRecord, nowMs: number): Promise<boolean>;
    /** Stores the record whatever was there (a record already expired drops the claim). */
    putMessageRef(record: MessageRefRecord, nowMs: number): Promise<void>;
    /** Appends to the HMAC chain and updates its sealed head, in O(1) of the chain's length. */
    appendAudit(entry: AuditEntry, sealer: AuditSealer): Promise<void>;
    /** The chain's lines in order; `torn` marks a last line with no newline after it (a cut write). */
    readAudit(): AsyncIterable<AuditLine>;
    /** The sealed head as stored (undefined when there is none, e.g. a chain Bernstein wrote). */
    readAuditHead(): Promise<{
        source: string;
        text: string;
    } | undefined>;
    exportSnapshot(nowMs: number): Promise<StateSnapshot>;
    importSnapshot(snapshot: StateSnapshot, nowMs: number): Promise<void>;
    prune(nowMs: number): Promise<{
        dedupRemoved: number;
    }>;
    summary(nowMs: number): Promise<StateSummary>;
    close(): Promise<void>;
}
export interface DedupPolicy {
    windowMs: number;
    lruSize: number;
}
export declare const GENESIS_HMAC: string;
