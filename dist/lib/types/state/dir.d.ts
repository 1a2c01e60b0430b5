import type { Logger } from '../core/context.js';
import { type MessageRefRecord } from './message-refs.js';
import type { AuditEntry, AuditLine, AuditSealer, ClaimOptions, ClaimResult, DeadLetter, DedupPolicy, StateSnapshot, StateStore, StateSummary } from './store.js';
export { deadLetterId, encodeDeadLetter } from './dir-dead-letters.js';
export declare class DirStore implements StateStore {
    readonly dir: string;
    private readonly policy;
    private readonly log;
    readonly backend = "dir";
    private ready;
    private readonly dedup;
    private readonly letters;
    private readonly audit;
    private readonly messageRefs;
    constructor(dir: string, policy: DedupPolicy, log: Logger, deadLetterMaxBytes?: number);
    private path;
    private init;
    claim(sinkId: string, eventId: string, nowMs: number, options?: ClaimOptions): Promise<ClaimResult>;
    lease(sinkId: string, claims?: number): Promise<() => Promise<void>>;
    confirm(sinkId: string, eventId: string, nowMs: number): Promise<void>;
    release(sinkId: string, eventId: string): Promise<void>;
    addDeadLetter(letter: DeadLetter): Promise<void>;
    listDeadLetters(): Promise<DeadLetter[]>;
    removeDeadLetters(ids: readonly string[]): Promise<number>;
    private cursorPath;
    getCursor(name: string): Promise<number | undefined>;
    setCursor(name: string, offset: number): Promise<void>;
    private readValues;
    getValue<T>(key: string): Promise<T | undefined>;
    setValue(key: string, value: unknown, nowMs: number): Promise<void>;
    /** One lock, one read and one atomic replace of values.json for all of them. */
    setValues(entries: readonly {
        key: string;
        value: unknown;
    }[], nowMs: number): Promise<void>;
    getMessageRef(sinkId: string, conversation: string, nowMs: number): Promise<MessageRefRecord | undefined>;
    putMessageRefIfAbsent(record: MessageRefRecord, nowMs: number): Promise<boolean>;
    putMessageRef(record: MessageRefRecord, nowMs: number): Promise<void>;
    appendAudit(entry: AuditEntry, sealer: AuditSealer): Promise<void>;
    readAudit(): AsyncIterable<AuditLine>;
    readAuditHead(): Promise<{
        source: string;
        text: string;
    } | undefined>;
    exportSnapshot(nowMs: number): Promise<StateSnapshot>;
    importSnapshot(snapshot: StateSnapshot, nowMs: number): Promise<void>;
    /** Rewrites dedup.jsonl with only live entries, and drops claims of dead processes. */
    prune(nowMs: number): Promise<{
        dedupRemoved: number;
    }>;
    /** Compacts when the file holds far more lines than live entries, so it never grows forever. */
    compactIfNeeded(nowMs: number): Promise<void>;
    summary(nowMs: number): Promise<StateSummary>;
    close(): Promise<void>;
}
