// When events for one sink back up behind its rate limit, they are sent as ONE message: counts by
// severity, the first titles, and a "+N more" line. The digest is itself a NotificationEvent, so
// each sink renders it with its own escaping and limits (renderDigest = render(digestEvent(…))).
import { createHash } from 'node:crypto';
import type { NotificationEvent, Severity } from '../core/event.js';

export const DIGEST_KIND = 'digest';
/** How many event titles a digest lists before "+N more". */
export const DIGEST_TITLE_LINES = 10;

const ORDER: Severity[] = ['critical', 'error', 'warning', 'info'];

export function digestEvent(events: readonly NotificationEvent[], titleLines = DIGEST_TITLE_LINES): NotificationEvent {
  if (!events.length) throw new Error('a digest needs at least one event');
  // `critical` is counted only when present, so digests without one keep their earlier shape.
  const counts: Partial<Record<Severity, number>> = { error: 0, warning: 0, info: 0 };
  for (const e of events) {
    const s = ORDER.includes(e.severity) ? e.severity : 'info';
    counts[s] = (counts[s] ?? 0) + 1;
  }
  const severity = ORDER.find((s) => (counts[s] ?? 0) > 0) ?? 'info';
  const countText = ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${counts[s]} ${s}`).join(', ');
  // Worst first: in a long digest the errors are what someone has to see.
  const ranked = [...events].sort((a, b) => rank(a.severity) - rank(b.severity));
  const lines = ranked.slice(0, titleLines).map((e) => `[${e.severity}] ${e.title}`);
  if (events.length > titleLines) lines.push(`+${events.length - titleLines} more`);
  const ids = events.map((e) => e.event_id);
  return {
    event_id: `digest-${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 24)}`,
    kind: DIGEST_KIND,
    title: `Herald digest: ${events.length} events (${countText})`,
    body: lines.join('\n'),
    severity,
    task_id: null,
    session_id: null,
    run_id: sameValue(events.map((e) => e.run_id)),
    timestamp: Math.max(...events.map((e) => e.timestamp)),
    labels: commonLabels(events),
    details: { digest_count: events.length, by_severity: { ...counts }, first_event_id: ids[0]!, last_event_id: ids[ids.length - 1]! },
  };
}

function rank(severity: string): number {
  const i = ORDER.indexOf(severity as Severity);
  return i < 0 ? ORDER.length : i;
}

function sameValue<T>(values: T[]): T | null {
  return values.every((v) => v === values[0]) ? (values[0] ?? null) : null;
}

/** Labels every event in the digest agrees on (so routing hints such as a channel survive). */
function commonLabels(events: readonly NotificationEvent[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(events[0]!.labels)) if (events.every((e) => e.labels[k] === v)) out[k] = v;
  return out;
}
