// An outcome as it is reported (printed, `--json`, the action's results) and audited. Audit
// entries are not waited for one by one: the store writes them in batches, and the dispatcher
// waits for all of them at the end of a dispatch.
import type { NotificationEvent } from '../core/event.js';
import type { RuntimeContext } from '../core/context.js';
import type { SinkEntry } from '../config/load.js';
import type { AuditLog } from './audit.js';
import type { Outcome, OutcomeName } from './outcome.js';

export function outcomeOf(sink: SinkEntry, event: NotificationEvent, outcome: OutcomeName, attempts: number, error?: string): Outcome {
  return {
    sink_id: sink.config.id,
    event_id: event.event_id,
    outcome,
    attempts,
    ...(error ? { error } : {}),
    kind: event.kind,
    title: event.title,
    required: sink.config.required,
  };
}

export class AuditTrail {
  /** Audit appends not yet written. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly audit: AuditLog | undefined,
    private readonly ctx: RuntimeContext,
  ) {}

  record(outcome: Outcome): void {
    if (!this.audit) return;
    const written = this.audit
      .record(
        { event_id: outcome.event_id, sink_id: outcome.sink_id, outcome: outcome.outcome, kind: outcome.kind, attempts: outcome.attempts, ...(outcome.error ? { error: outcome.error } : {}) },
        this.ctx.clock.nowMs(),
      )
      .catch((error) => this.ctx.log.warn(`audit record skipped: ${(error as Error).message}`));
    this.pending.add(written);
    void written.then(() => this.pending.delete(written));
  }

  /** Settles once every entry recorded so far is written (or its failure warned about). */
  async written(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending);
  }
}
