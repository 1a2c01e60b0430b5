import type { Logger } from '../core/context.js';
import type { AuditEntry, AuditLine, AuditSealer, ClaimOptions, ClaimResult, DeadLetter, DedupPolicy, StateSnapshot, StateStore, StateSummary } from './store.js';
import { type MessageRefRecord } from './message-refs.js';
export interface RedisStoreOptions {
    url: string;
    keyPrefix?: string;
    policy: DedupPolicy;
    log: Logger;
    connectTimeoutMs?: number;
}
export declare class RedisStore implements StateStore {
    private readonly redis;
    private readonly options;
    readonly backend = "redis";
    private readonly prefix;
    /** Distinguishes this process's claims from another's, for compare-and-delete. */
    private readonly token;
    private readonly audit;
    private readonly deadLetters;
    private constructor();
    /** Connects (bounded by a short timeout) or throws StateUnavailableError. */
    static open(options: RedisStoreOptions): Promise<RedisStore>;
    private key;
    private dedupKey;
    /** Retries a write across a reconnect (a restarted Redis), so no dead letter is lost to a blip. */
    private withRetry;
    claim(sinkId: string, eventId: string, _nowMs: number, options?: ClaimOptions): Promise<ClaimResult>;
    confirm(sinkId: string, eventId: string, nowMs: number): Promise<void>;
    release(sinkId: string, eventId: string): Promise<void>;
    addDeadLetter(letter: DeadLetter): Promise<void>;
    listDeadLetters(): Promise<DeadLetter[]>;
    removeDeadLetters(ids: readonly string[]): Promise<number>;
    getCursor(name: string): Promise<number | undefined>;
    setCursor(name: string, offset: number): Promise<void>;
    getValue<T>(key: string): Promise<T | undefined>;
    setValue(key: string, value: unknown, nowMs: number): Promise<void>;
    /** One HSET of every field: one round trip. */
    setValues(entries: readonly {
        key: string;
        value: unknown;
    }[], nowMs: number): Promise<void>;
    private messageRefKey;
    getMessageRef(sinkId: string, conversation: string, _nowMs: number): Promise<MessageRefRecord | undefined>;
    /** SET NX: of two processes posting the first event of one conversation, one gets the claim. */
    putMessageRefIfAbsent(record: MessageRefRecord, nowMs: number): Promise<boolean>;
    putMessageRef(record: MessageRefRecord, nowMs: number): Promise<void>;
    appendAudit(entry: AuditEntry, sealer: AuditSealer): Promise<void>;
    readAudit(): AsyncIterable<AuditLine>;
    readAuditHead(): Promise<{
        source: string;
        text: string;
    } | undefined>;
    exportSnapshot(_nowMs: number): Promise<StateSnapshot>;
    importSnapshot(snapshot: StateSnapshot, nowMs: number): Promise<void>;
    /** Redis expires dedup records and claims itself; nothing to rewrite. */
    prune(_nowMs: number): Promise<{
        dedupRemoved: number;
    }>;
    summary(nowMs: number): Promise<StateSummary>;
    close(): Promise<void>;
}
