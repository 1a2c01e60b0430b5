// How chat and push sinks show an event beyond its title and body: a colour and an emoji for its
// severity, a link to the run, and the key facts. One table, so every service reads the same.
import type { NotificationEvent } from '../core/event.js';
import { truncate } from './truncate.js';

/** Discord's colours (DISCORD_COLOURS), as hex for services that take "#RRGGBB". */
export const SEVERITY_HEX: Record<string, string> = { info: '#3498DB', warning: '#F1C40F', error: '#E74C3C', critical: '#E74C3C' };
export const SEVERITY_EMOJI: Record<string, string> = { info: 'ℹ️', warning: '⚠️', error: '❌', critical: '🚨' };

export const severityHex = (severity: string): string => SEVERITY_HEX[severity] ?? SEVERITY_HEX.info!;
export const severityEmoji = (severity: string): string => SEVERITY_EMOJI[severity] ?? SEVERITY_EMOJI.info!;

/**
 * Where the run can be seen: `details.run_url` (the action sets it from GITHUB_SERVER_URL), a
 * `run_url` label, else `details.url`. Only http(s) links: a service would reject anything else,
 * or worse, render it. Every sink that links to the run asks here.
 */
export function runLink(event: NotificationEvent): string | undefined {
  for (const value of [event.details.run_url, event.labels.run_url, event.details.url]) {
    if (typeof value === 'string' && /^https?:\/\/\S+$/i.test(value)) return value;
  }
  return undefined;
}

export interface Fact {
  title: string;
  value: string;
}

/** Labels beyond this many are left out of a card: a fact list is a summary, not a dump. */
const MAX_LABEL_FACTS = 8;
const FACT_VALUE_LIMIT = 200;

/** Kind, severity, task, session, run and the first labels, each only when set and each cut short. */
export function eventFacts(event: NotificationEvent): Fact[] {
  const facts: Fact[] = [
    { title: 'Event', value: event.kind },
    { title: 'Severity', value: event.severity },
  ];
  if (event.task_id) facts.push({ title: 'Task', value: event.task_id });
  if (event.session_id) facts.push({ title: 'Session', value: event.session_id });
  if (event.run_id) facts.push({ title: 'Run', value: event.run_id });
  for (const [name, value] of Object.entries(event.labels).slice(0, MAX_LABEL_FACTS)) {
    if (value) facts.push({ title: name, value });
  }
  return facts.map((fact) => ({ title: truncate(fact.title, FACT_VALUE_LIMIT, 'codepoint'), value: truncate(fact.value, FACT_VALUE_LIMIT, 'codepoint') }));
}
