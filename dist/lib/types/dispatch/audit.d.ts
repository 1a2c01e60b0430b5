import { type KeyObject } from 'node:crypto';
import type { AuditEntry, AuditLine, AuditSealer, StateStore } from '../state/store.js';
export declare const AUDIT_EVENT_TYPE = "notification.delivery";
/**
 * The audit key as a KeyObject, made once per key: createHmac given the key's bytes imports them
 * anew each call, which on Node 24 costs several times the HMAC itself.
 */
export declare function auditSecret(key: string): KeyObject;
export declare function sealEntry(key: string, prevHmac: string, entry: AuditEntry): Record<string, unknown>;
/** UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ", as Python writes it. */
export declare function auditTimestamp(ms: number): string;
/**
 * The stored line of a sealed entry, serialized once: the line is the canonical JSON with `hmac`
 * added, and with sorted keys `"hmac"` goes just before the top-level `"prev_hmac"`. Same bytes as
 * pythonJson(sealEntry(…)), at a fraction of the cost on the hot path (one per delivery).
 */
export declare function sealLine(secret: KeyObject | Buffer, prevHmac: string, entry: AuditEntry): {
    hmac: string;
    line: string;
};
/** The audit key's two seals: each entry's link, and the head that records the chain's length. */
export declare function auditSealer(key: string): AuditSealer;
/**
 * The outcome name as Bernstein's chain records it (reference lifecycle §4.2): a permanent failure
 * is `failed_permanent` there whether or not it was dead-lettered, so `dead_lettered` (Herald's
 * name for a failure saved for replay) is written as `failed_permanent`; Herald's other names
 * (`filtered`) have no Bernstein counterpart and stay.
 */
export declare function auditOutcome(outcome: string): string;
export declare class AuditLog {
    private readonly key;
    private readonly store;
    private sealerPromise;
    private sealer;
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
    /** What the result cannot vouch for (e.g. a chain with no sealed head). */
    notes?: string[];
}
/**
 * Walks the chain in order, checking each link and each recomputed HMAC. With `at`, also returns
 * the hmac of entry number `at` (1-based; the genesis value for 0), for the sealed head's check.
 */
export declare function verifyChain(key: string, lines: AsyncIterable<AuditLine>, options?: {
    at?: number;
}): Promise<VerifyResult & {
    hmacAt?: string;
}>;
