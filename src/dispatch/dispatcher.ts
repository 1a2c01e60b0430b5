// The pipeline after the sources: route → dedup → render → deliver (rate limit, digest, retry,
// Retry-After) → record.
// Sinks run concurrently; each sink takes its events in order. A delivery problem is an outcome,
// never an exception that escapes.
import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import { filterReason } from '../core/filters.js';
import { attemptDelivery, type AttemptResult } from './attempts.js';
import type { Outcome } from './outcome.js';
import { prepareForSink, renderDigestForSink, renderEach, sinkDigests, type RenderedForSink } from './render.js';
import { dedupKeyFor } from './dedup-key.js';
import { SinkPolicies } from './sink-policies.js';
import { markPreview } from './preview.js';
import { keepDeadLetter } from './dead-lettering.js';
import type { DispatchOptions, DispatcherDeps } from './dispatch-types.js';
import { AuditTrail, outcomeOf } from './outcome-record.js';
import { Threading } from './threading.js';

export type { RenderedForSink } from './render.js';

export type { DispatchOptions, DispatcherDeps, SinkDeadLetters } from './dispatch-types.js';

export class Dispatcher {
  private readonly memories = new Map<string, Map<string, unknown>>();
  /** Rate limiters, retry blocks and circuit breakers, per sink for the run. */
  private readonly policies: SinkPolicies;
  /** Set when the state store failed: dedup is off for the rest of the run. */
  private stateProblem: string | undefined;
  /** Audit entries of the outcomes, written in batches. */
  private readonly trail: AuditTrail;
  /** Living messages: which events create, edit or reply to a conversation's message. */
  readonly threads: Threading;

  constructor(private readonly deps: DispatcherDeps) {
    this.threads = new Threading({ store: deps.store, ctx: deps.ctx });
    this.policies = new SinkPolicies(deps.config.block.retry);
    this.trail = new AuditTrail(deps.audit, deps.ctx);
  }

  selectSinks(sinkIds?: readonly string[]): SinkEntry[] {
    const all = this.deps.config.sinks;
    if (!sinkIds?.length) return all;
    return all.filter((s) => sinkIds.includes(s.config.id));
  }

  async dispatch(events: readonly NotificationEvent[], options: DispatchOptions = {}): Promise<Outcome[]> {
    const sinks = this.selectSinks(options.sinkIds);
    const perSink = await Promise.all(sinks.map((sink) => this.runSink(sink, events, options)));
    await this.trail.written();
    // Report in event order, then config order, whatever order the sinks finished in.
    const outcomes: Outcome[] = [];
    for (let i = 0; i < events.length; i++) for (const list of perSink) outcomes.push(list[i]!);
    return outcomes;
  }

  /**
   * One sink's queue, drained in order. When the next send would have to wait for the sink's rate
   * limit and more events are queued, every queued event that passes filter and dedup goes out in
   * ONE digest message instead of one by one into 429s.
   */
  private async runSink(sink: SinkEntry, events: readonly NotificationEvent[], options: DispatchOptions): Promise<Outcome[]> {
    const release = events.length > 1 && sink.config.dedup && !this.stateProblem ? await this.deps.store.lease?.(dedupKeyFor(sink), events.length).catch((e) => this.stateFailed(e)) : undefined;
    try {
      return await this.drainQueue(sink, events, options);
    } finally {
      await release?.();
    }
  }

  private async drainQueue(sink: SinkEntry, events: readonly NotificationEvent[], options: DispatchOptions): Promise<Outcome[]> {
    const outcomes: Outcome[] = new Array(events.length);
    const emit = (index: number, outcome: Outcome) => {
      outcomes[index] = outcome;
      options.onOutcome?.(outcome);
    };
    const limiter = this.policies.limiterFor(sink);
    const canDigest = Boolean(limiter) && sinkDigests(sink) && !this.threads.applies(sink);
    const superseded = this.threads.superseded(sink, events, (e) => !this.excluded(sink, e, options));
    for (let i = 0; i < events.length; i++) {
      try {
        if (superseded.has(i)) {
          emit(i, await this.supersede(sink, events[i]!, options));
          continue;
        }
        if (canDigest && i < events.length - 1 && limiter!.waitMs(this.deps.ctx.clock.nowMs()) > 0) {
          const admitted: number[] = [];
          for (let j = i; j < events.length; j++) {
            const refused = await this.admit(sink, events[j]!, options);
            if (refused) emit(j, refused);
            else admitted.push(j);
          }
          if (admitted.length) {
            const results = await this.deliverAdmitted(sink, admitted.map((j) => events[j]!), options);
            results.forEach((outcome, k) => emit(admitted[k]!, outcome));
          }
          break;
        }
        const outcome = await this.deliverOne(sink, events[i]!, options);
        emit(i, outcome);
        if (options.stopAtFailure && outcome.outcome === 'failed_permanent') {
          for (let j = i + 1; j < events.length; j++) emit(j, outcomeOf(sink, events[j]!, 'failed_permanent', 0, 'not attempted: an earlier event failed'));
          break;
        }
      } catch (error) {
        // A bug or a state-store failure must not take the other sinks down with it.
        for (let j = i; j < events.length; j++) {
          if (!outcomes[j]) emit(j, outcomeOf(sink, events[j]!, 'failed_permanent', 0, `internal error: ${(error as Error).message}`));
        }
        break;
      }
    }
    return outcomes;
  }

  /** One event through one sink: filter, dedup claim, render, attempts, record. */
  async deliverOne(sink: SinkEntry, event: NotificationEvent, options: DispatchOptions = {}): Promise<Outcome> {
    const refused = await this.admit(sink, event, options);
    if (refused) return refused;
    return (await this.deliverAdmitted(sink, [event], options))[0]!;
  }

  /** Whether the sink's filters (or `enabled: false` for the block) keep the event out. */
  private excluded(sink: SinkEntry, event: NotificationEvent, options: DispatchOptions): boolean {
    const reason = this.deps.config.block.enabled ? filterReason(sink.config, event) : 'notifications are disabled';
    return Boolean(reason) && !(options.ignoreFilters && sink.config.enabled);
  }

  /** A living-message edit overtaken by a newer one in the same batch: recorded, marked done, not sent. */
  private async supersede(sink: SinkEntry, event: NotificationEvent, options: DispatchOptions): Promise<Outcome> {
    const refused = await this.admit(sink, event, options);
    if (refused) return refused;
    if (this.usesDedup(sink, event)) await this.deps.store.confirm(dedupKeyFor(sink), event.event_id, this.deps.ctx.clock.nowMs()).catch((e) => this.stateFailed(e));
    const outcome = outcomeOf(sink, event, 'superseded', 0, 'a newer event of the same conversation was sent instead');
    this.trail.record(outcome);
    return outcome;
  }

  /** Filter and dedup claim: an outcome when the event must not be sent, else undefined (claimed). */
  private async admit(sink: SinkEntry, event: NotificationEvent, options: DispatchOptions): Promise<Outcome | undefined> {
    const { store, ctx } = this.deps;
    const cfg = sink.config;
    // `notifications.enabled: false` silences everything (Bernstein validated the key and ignored it).
    const reason = this.deps.config.block.enabled ? filterReason(cfg, event) : 'notifications are disabled';
    if (reason && !(options.ignoreFilters && cfg.enabled)) return outcomeOf(sink, event, 'filtered', 0, undefined);
    if (!this.usesDedup(sink, event)) return undefined;
    let claim;
    try {
      claim = await store.claim(dedupKeyFor(sink), event.event_id, ctx.clock.nowMs(), options.redeliver ? { ownOnly: true } : undefined);
    } catch (error) {
      this.stateFailed(error);
      return undefined;
    }
    if (claim === 'new') return undefined;
    const outcome = outcomeOf(sink, event, 'deduplicated', 0, claim === 'busy' ? 'being delivered by another process' : undefined);
    this.trail.record(outcome);
    return outcome;
  }

  /**
   * Admitted events as one message (several: a digest), with retries, Retry-After and the rate
   * limit. Every event shares the attempts and the result: all delivered, or all dead-lettered.
   */
  private async deliverAdmitted(sink: SinkEntry, events: NotificationEvent[], options: DispatchOptions): Promise<Outcome[]> {
    const { store, ctx } = this.deps;
    const cfg = sink.config;
    let result: AttemptResult;
    try {
      // The sink delivers exactly what it rendered, from the events as it saw them.
      const prepared = events.map((e) => prepareForSink(sink, e));
      const message = prepared.length === 1 ? sink.definition.render(prepared[0]!, cfg) : renderDigestForSink(sink, prepared);
      const breaker = this.policies.breakerFor(sink);
      const refusal = breaker.refusal(ctx.clock.nowMs());
      if (refusal) result = { delivered: false, attempts: 0, reason: 'retries_exhausted', error: refusal };
      else {
        result = await attemptDelivery({
          send: () => (this.threads.applies(sink) && prepared.length === 1 ? this.threads.send(sink, message, this.deliverContext(sink, prepared), prepared[0]!) : sink.definition.deliver(message, cfg, this.deliverContext(sink, prepared))),
          retry: this.policies.retryFor(sink),
          limiter: this.policies.limiterFor(sink),
          ctx,
          onRetry: async (attempt, error) => {
            for (const event of events) this.trail.record(outcomeOf(sink, event, 'failed_retrying', attempt, error));
          },
        });
        if (result.delivered) breaker.succeeded();
        else if (result.reason === 'retries_exhausted') breaker.failed(ctx.clock.nowMs(), result.error);
      }
    } catch (error) {
      // Rendering failed: the event cannot be expressed for this service; retrying will not help.
      result = { delivered: false, attempts: 0, reason: 'permanent', error: ctx.redactor.redact(`render failed: ${errorMessage(error)}`) };
    }
    const outcomes: Outcome[] = [];
    for (const event of events) {
      if (result.delivered) {
        if (this.usesDedup(sink, event)) await store.confirm(dedupKeyFor(sink), event.event_id, ctx.clock.nowMs()).catch((e) => this.stateFailed(e));
        const outcome = outcomeOf(sink, event, 'delivered', result.attempts);
        this.trail.record(outcome);
        outcomes.push(outcome);
      } else {
        if (this.usesDedup(sink, event)) await store.release(dedupKeyFor(sink), event.event_id).catch(() => undefined);
        outcomes.push(await this.fail(sink, event, result.attempts, `${result.reason}:${result.error}`, result.error, options));
      }
    }
    return outcomes;
  }

  private usesDedup(sink: SinkEntry, event: NotificationEvent): boolean {
    return sink.config.dedup && event.event_id !== '' && !this.stateProblem;
  }

  /**
   * The state store failed (a read-only folder, Redis gone mid-run): notifications matter more
   * than dedup, so the run goes on without it and says so once.
   */
  private stateFailed(error: unknown): undefined {
    if (!this.stateProblem) {
      this.stateProblem = error instanceof Error ? error.message : String(error);
      this.deps.ctx.log.warn(`state unavailable (${this.deps.ctx.redactor.redact(this.stateProblem)}): delivering without dedup; set --state-dir or HERALD_STATE_DIR to a writable folder`);
    }
    return undefined;
  }

  private async fail(sink: SinkEntry, event: NotificationEvent, attempts: number, reason: string, error: string, options: DispatchOptions): Promise<Outcome> {
    const kept = options.deadLetter !== false && (await keepDeadLetter(this.deps, sink, event, attempts, reason));
    const outcome = outcomeOf(sink, event, kept ? 'dead_lettered' : 'failed_permanent', attempts, error);
    this.trail.record(outcome);
    return outcome;
  }

  /**
   * What each selected sink would receive, marked where the state says the event was already
   * delivered there (a pull-request preview); claims nothing, writes nothing.
   */
  async preview(events: readonly NotificationEvent[], sinkIds?: readonly string[]): Promise<RenderedForSink[]> {
    const sinks = this.selectSinks(sinkIds);
    return markPreview(renderEach(sinks, events), sinks, events, this.deps.store, this.threads, this.deps.ctx.clock.nowMs());
  }

  /** What each selected sink would receive for the events; sends nothing, writes nothing. */
  renderAll(events: readonly NotificationEvent[], sinkIds?: readonly string[]): RenderedForSink[] {
    return renderEach(this.selectSinks(sinkIds), events);
  }

  private deliverContext(sink: SinkEntry, events: NotificationEvent[]) {
    const { ctx, http, config } = this.deps;
    let memory = this.memories.get(sink.config.id);
    if (!memory) this.memories.set(sink.config.id, (memory = new Map()));
    const timeoutS = sink.config.timeout_s ?? sink.definition.defaultTimeoutS ?? 10;
    return {
      http,
      timeoutMs: timeoutS * 1000,
      env: ctx.env,
      log: ctx.log,
      events,
      memory,
      baseDir: config.baseDir,
      stdout: ctx.sinkOutput ?? ctx.stdout,
      nowMs: () => ctx.clock.nowMs(),
      sleep: (ms: number) => ctx.sleep(ms),
    };
  }

  async close(): Promise<void> {
    await this.trail.written();
    await Promise.all(this.deps.config.sinks.map((s) => s.definition.close?.(s.config).catch(() => undefined)));
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
