import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import type { Outcome } from './outcome.js';
import { type RenderedForSink } from './render.js';
import type { DispatchOptions, DispatcherDeps } from './dispatch-types.js';
import { Threading } from './threading.js';
export type { RenderedForSink } from './render.js';
export type { DispatchOptions, DispatcherDeps, SinkDeadLetters } from './dispatch-types.js';
export declare class Dispatcher {
    private readonly deps;
    private readonly memories;
    /** Rate limiters, retry blocks and circuit breakers, per sink for the run. */
    private readonly policies;
    /** Set when the state store failed: dedup is off for the rest of the run. */
    private stateProblem;
    /** Audit entries of the outcomes, written in batches. */
    private readonly trail;
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
    private fail;
    /**
     * What each selected sink would receive, marked where the state says the event was already
     * delivered there (a pull-request preview); claims nothing, writes nothing.
     */
    preview(events: readonly NotificationEvent[], sinkIds?: readonly string[]): Promise<RenderedForSink[]>;
    /** What each selected sink would receive for the events; sends nothing, writes nothing. */
    renderAll(events: readonly NotificationEvent[], sinkIds?: readonly string[]): RenderedForSink[];
    private deliverContext;
    close(): Promise<void>;
}
