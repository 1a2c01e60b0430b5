import type { NotificationEvent } from '../core/event.js';
import type { RuntimeContext } from '../core/context.js';
import type { LoadedConfig, SinkEntry } from '../config/load.js';
import type { HttpClient } from '../sinks/http.js';
import type { DeadLetter, StateStore } from '../state/store.js';
import type { AuditLog } from './audit.js';
import type { RescueDeadLetter } from './dead-letter-rescue.js';
import type { Outcome } from './outcome.js';
import { type RenderedForSink } from './render.js';
import { Threading } from './threading.js';
export type { RenderedForSink } from './render.js';
export interface DispatchOptions {
    /** Limit the run to these sink ids (--sink). */
    sinkIds?: readonly string[];
    /** Deliver even when the sink's filters exclude the event (`herald test`). */
    ignoreFilters?: boolean;
    /** Write failures to the dead-letter queue (default true). */
    deadLetter?: boolean;
    /**
     * Stop a sink's queue at its first failure that was not dead-lettered: the events after it are
     * not attempted (watch --fail-fast, where the cursor stops before the failure anyway).
     */
    stopAtFailure?: boolean;
    /**
     * Dead letters sent again (`herald dlq replay`): only the sink's own dedup record counts, not a
     * sinkless Bernstein line, which Bernstein wrote before delivering (reference §4.1).
     */
    redeliver?: boolean;
    /** Called as each outcome is decided, for streaming output. */
    onOutcome?: (outcome: Outcome) => void;
}
export interface DispatcherDeps {
    config: LoadedConfig;
    store: StateStore;
    http: HttpClient;
    ctx: RuntimeContext;
    audit?: AuditLog;
    /** Where a dead letter goes when the store cannot take it. */
    rescueDeadLetter?: RescueDeadLetter;
    /** A sink's own dead-letter store, when it has one (the profile webhook's spool). */
    deadLettersFor?: (sink: SinkEntry) => SinkDeadLetters | undefined;
}
/** Where a sink's failed events are kept instead of the state store's queue. */
export interface SinkDeadLetters {
    add(letter: DeadLetter): Promise<void>;
}
export declare class Dispatcher {
    private readonly deps;
    private readonly memories;
    private readonly limiters;
    private readonly retries;
    /** Per sink for the run: a dead endpoint costs a few deliveries' retries, not every event's. */
    private readonly breakers;
    private readonly sinkLimiters;
    /** Set when the state store failed: dedup is off for the rest of the run. */
    private stateProblem;
    /** Audit appends not yet written (see record). */
    private readonly auditWrites;
    /** Living messages: which events create, edit or reply to a conversation's message. */
    readonly threads: Threading;
    constructor(deps: DispatcherDeps);
    selectSinks(sinkIds?: readonly string[]): SinkEntry[];
    dispatch(events: readonly NotificationEvent[], options?: DispatchOptions): Promise<Outcome[]>;
    /**
     * One sink's queue, drained in order. When the next send would have to wait for the sink's rate
     * limit and more events are queued, every queued event that passes filter and dedup goes out in
     * ONE digest message instead of one by one into 429s.
     */
    private runSink;
    private drainQueue;
    /** One event through one sink: filter, dedup claim, render, attempts, record. */
    deliverOne(sink: SinkEntry, event: NotificationEvent, options?: DispatchOptions): Promise<Outcome>;
    /** Whether the sink's filters (or `enabled: false` for the block) keep the event out. */
    private excluded;
    /** A living-message edit overtaken by a newer one in the same batch: recorded, marked done, not sent. */
    private supersede;
    /** Filter and dedup claim: an outcome when the event must not be sent, else undefined (claimed). */
    private admit;
    /**
     * Admitted events as one message (several: a digest), with retries, Retry-After and the rate
     * limit. Every event shares the attempts and the result: all delivered, or all dead-lettered.
     */
    private deliverAdmitted;
    private usesDedup;
    /**
     * The state store failed (a read-only folder, Redis gone mid-run): notifications matter more
     * than dedup, so the run goes on without it and says so once.
     */
    private stateFailed;
    /** Sinks sharing a rate key (one Slack webhook, one Telegram chat) share one bucket. */
    private limiterFor;
    private sharedLimiter;
    private fail;
    /**
     * What each selected sink would receive, marked where the state says the event was already
     * delivered there (a pull-request preview); claims nothing, writes nothing.
     */
    preview(events: readonly NotificationEvent[], sinkIds?: readonly string[]): Promise<RenderedForSink[]>;
    /** What each selected sink would receive for the events; sends nothing, writes nothing. */
    renderAll(events: readonly NotificationEvent[], sinkIds?: readonly string[]): RenderedForSink[];
    private breakerFor;
    /** The sink's retry block over the config's; parsed once per sink, not per delivery. */
    private retryFor;
    private deliverContext;
    private outcome;
    private record;
    /** Settles once every audit entry recorded so far is written (or its failure warned about). */
    auditWritten(): Promise<void>;
    close(): Promise<void>;
}
