// Which records of a dispatched batch are handled: every sink's outcome is terminal (delivered,
// deduplicated, filtered, superseded, or kept for replay as a dead letter / spool file). The cursor may pass
// handled records only, and only a leading run of them: it is one offset.
import type { Outcome } from '../dispatch/outcome.js';

const KEPT = new Set(['dead_lettered']);
// superseded: a living-message edit a newer event of its conversation made for it.
const DONE = new Set(['delivered', 'deduplicated', 'filtered', 'dead_lettered', 'superseded']);

export interface Settlement {
  /** Leading records that are handled. */
  handled: number;
  /** Of those, records some sink kept for replay. */
  kept: number;
  /** Why record `handled` is not: the first failure that was not kept. */
  unsent?: string;
  /** One line per failure that was kept, naming the sink and the reason. */
  warnings?: string[];
}

/**
 * `outcomes` in the dispatcher's order: for each event, one per selected sink. `durable(sinkId)`:
 * whether that sink's dead letters outlive the run (not with `--state none` and no spool).
 */
export function settle(eventCount: number, outcomes: readonly Outcome[], durable: (sinkId: string) => boolean = () => true): Settlement {
  const perEvent = eventCount ? outcomes.length / eventCount : 0;
  const warnings: string[] = [];
  let kept = 0;
  for (let i = 0; i < eventCount; i++) {
    const mine = outcomes.slice(i * perEvent, (i + 1) * perEvent);
    const failed = mine.find((o) => !DONE.has(o.outcome) || (KEPT.has(o.outcome) && !durable(o.sink_id)));
    if (failed) return { handled: i, kept, unsent: failed.error ? `Webhook delivery failed: ${failed.error}` : `delivery to ${failed.sink_id} failed`, warnings };
    const keptHere = mine.filter((o) => KEPT.has(o.outcome));
    if (keptHere.length) kept++;
    for (const o of keptHere) warnings.push(`event ${o.event_id} (${o.title}) was not delivered to ${o.sink_id}: ${o.error ?? 'failed'}; kept for replay (herald dlq replay)`);
  }
  return { handled: eventCount, kept, warnings };
}
