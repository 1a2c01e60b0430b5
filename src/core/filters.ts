// Routing: a sink takes an event when it is enabled and its `events`, `severities` and
// `match_labels` all accept it (AND-combined; null means all, [] means none).
import type { NotificationEvent } from './event.js';
import type { CommonSinkConfig } from './config-schema.js';
import { matchesGlob } from './glob.js';

/** Why the sink does not take the event, or null when it does. */
export function filterReason(sink: CommonSinkConfig, event: NotificationEvent): string | null {
  if (!sink.enabled) return 'sink is disabled';
  if (sink.events && !sink.events.some((pattern) => matchesGlob(pattern, event.kind))) {
    return `event '${event.kind}' is not in events [${sink.events.join(', ')}]`;
  }
  // A sink that takes errors takes critical events too: nothing critical goes quietly nowhere.
  const takes = (s: string) => s === event.severity || (s === 'error' && event.severity === 'critical');
  if (sink.severities && !sink.severities.some(takes)) {
    return `severity '${event.severity}' is not in severities [${sink.severities.join(', ')}]`;
  }
  for (const [label, wanted] of Object.entries(sink.match_labels ?? {})) {
    const actual = event.labels[label];
    const options = Array.isArray(wanted) ? wanted : [wanted];
    if (actual === undefined || !options.some((pattern) => matchesGlob(pattern, actual))) {
      return `label '${label}' ${actual === undefined ? 'is absent' : `is '${actual}'`}, wanted ${options.join(' or ')}`;
    }
  }
  return null;
}

/** The sink's routing keys in one phrase, to say why it took none of a run's events. */
export function describeRouting(sink: Pick<CommonSinkConfig, 'enabled' | 'events' | 'severities' | 'match_labels'>): string {
  if (!sink.enabled) return 'disabled';
  const parts = [
    sink.events ? `events [${sink.events.join(', ')}]` : '',
    sink.severities ? `severities [${sink.severities.join(', ')}]` : '',
    Object.keys(sink.match_labels ?? {}).length ? `match_labels ${JSON.stringify(sink.match_labels)}` : '',
  ].filter(Boolean);
  return parts.join(', ') || 'no filter';
}
