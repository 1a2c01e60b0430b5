import type { AuditEntry, StateStore } from '../state/store.js';
export declare const AUDIT_EVENT_TYPE = "notification.delivery";
export declare function sealEntry(key: string, prevHmac: string, entry: AuditEntry): Record<string, unknown>;
/** UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ", as Python writes it. */
export declare function auditTimestamp(ms: number): string;
export declare class AuditLog {
    private readonly key;
    private readonly store;
    private keyPromise;
    /** `key` may be a loader, for a key file made only when the first entry is written. */
    constructor(key: string | (() => Promise<string>), store: StateStore);
    record(details: {
        event_id: string;
        sink_id: string;
        outcome: string;
        kind: string;
        attempts: number;
        error?: string;
    }, nowMs: number): Promise<void>;
}
export interface VerifyResult {
    ok: boolean;
    count: number;
    broken?: {
        source: string;
        line: number;
        reason: string;
    };
}
/** Walks the chain in order, checking each link and each recomputed HMAC. */
export declare function verifyChain(key: string, lines: AsyncIterable<{
    source: string;
    line: number;
    text: string;
}>): Promise<VerifyResult>;
