import type { NotificationEvent } from '../core/event.js';
import type { RuntimeContext } from '../core/context.js';
import type { SinkEntry } from '../config/load.js';
import type { AuditLog } from './audit.js';
import type { Outcome, OutcomeName } from './outcome.js';
export declare function outcomeOf(sink: SinkEntry, event: NotificationEvent, outcome: OutcomeName, attempts: number, error?: string): Outcome;
export declare class AuditTrail {
    private readonly audit;
    private readonly ctx;
    /** Audit appends not yet written. */
    private readonly pending;
    constructor(audit: AuditLog | undefined, ctx: RuntimeContext);
    record(outcome: Outcome): void;
    /** Settles once every entry recorded so far is written (or its failure warned about). */
    written(): Promise<void>;
}
