// What happened to one event at one sink. The names are Bernstein's outcomes plus Herald's
// `filtered` and `dead_lettered` (a permanent failure that was saved for replay).

export const OUTCOMES = ['delivered', 'deduplicated', 'filtered', 'failed_permanent', 'dead_lettered'] as const;
// `superseded`: a living-message edit overtaken by a newer event of its conversation (not sent).
export type OutcomeName = (typeof OUTCOMES)[number] | 'failed_retrying' | 'rendered' | 'superseded';

export interface Outcome {
  sink_id: string;
  event_id: string;
  outcome: OutcomeName;
  attempts: number;
  error?: string;
  /** Not printed in --json lines; used for summaries and exit status. */
  kind: string;
  title: string;
  required: boolean;
}

export function isFailure(outcome: Outcome): boolean {
  return outcome.outcome === 'failed_permanent' || outcome.outcome === 'dead_lettered';
}

/** The --json line: sink_id, event_id, outcome, attempts, and error when there is one. */
export function outcomeLine(outcome: Outcome): Record<string, unknown> {
  const line: Record<string, unknown> = {
    sink_id: outcome.sink_id,
    event_id: outcome.event_id,
    outcome: outcome.outcome,
    attempts: outcome.attempts,
  };
  if (outcome.error) line.error = outcome.error;
  return line;
}

export function countOutcomes(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = { delivered: 0, deduplicated: 0, filtered: 0, failed_permanent: 0, dead_lettered: 0 };
  for (const o of outcomes) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
  return counts;
}
