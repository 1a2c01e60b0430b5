// The job summary: pure functions from outcomes (or dry-run renderings) to Markdown, and one
// writer that never fails the step. A step's summary is capped at 1 MiB by the runner, so long
// renderings are cut with a note rather than losing the whole summary.
import type { RenderedForSink } from '../dispatch/dispatcher.js';
import type { Outcome } from '../dispatch/outcome.js';
import type { DeadLetter } from '../state/store.js';
import { renderMarkdown } from '../report/markdown.js';
import type { CorePort } from './ports.js';

export const SUMMARY_MAX_CHARS = 900_000;

const OUTCOME_ICONS: Record<string, string> = {
  delivered: '✅ delivered',
  deduplicated: '♻️ deduplicated',
  filtered: '⏭️ filtered',
  failed_permanent: '❌ failed',
  dead_lettered: '📥 dead-lettered',
};

export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;');
}

export function deliverySummary(outcomes: readonly Outcome[], deadLetters: readonly DeadLetter[], notes: readonly string[]): string {
  const lines = ['## Herald notifications', ''];
  if (!outcomes.length) lines.push('_No sink selected: nothing was sent._', '');
  else {
    lines.push('| Sink | Event | Outcome | Attempts | Error |', '| --- | --- | --- | --- | --- |');
    for (const o of outcomes) {
      lines.push(`| ${cell(o.sink_id)} | ${cell(o.title)} \`${o.event_id.slice(0, 12)}\` | ${OUTCOME_ICONS[o.outcome] ?? o.outcome} | ${o.attempts} | ${cell(o.error ?? '')} |`);
    }
    lines.push('');
  }
  if (deadLetters.length) {
    lines.push(`### Dead letters (${deadLetters.length} kept in state)`, '', 'Replay them with `herald dlq replay` once the sink works again.', '');
    for (const l of deadLetters.slice(0, 50)) lines.push(`- \`${l.id}\` ${cell(l.sink_id)}: ${cell(l.event.title)} — ${cell(l.reason)}`);
    if (deadLetters.length > 50) lines.push(`- … and ${deadLetters.length - 50} more`);
    lines.push('');
  }
  return lines.join('\n') + notesSection(notes);
}

export function dryRunSummary(rendered: RenderedForSink[], missing: readonly string[], notes: readonly string[], redact: (text: string) => string): string {
  const lines = ['## Herald dry run', '', 'Nothing was sent and no state was written. Each sink would receive:', ''];
  if (missing.length) lines.push('**Variables not set in this run** (rendered as empty):', '', ...missing.map((m) => `- ${m}`), '');
  if (!rendered.length) lines.push('_No sink selected._', '');
  let body = renderMarkdown(rendered, redact);
  if (body.length > SUMMARY_MAX_CHARS) body = `${body.slice(0, SUMMARY_MAX_CHARS)}\n\n_… cut: the job summary is limited to 1 MiB per step._\n`;
  return lines.join('\n') + body + '\n' + notesSection(notes);
}

export function notesSection(notes: readonly string[]): string {
  if (!notes.length) return '';
  return ['### State', '', ...notes.map((n) => `- ${n}`), ''].join('\n') + '\n';
}

/** Appends to $GITHUB_STEP_SUMMARY; without it (a local run) the text goes to the log instead. */
export async function writeSummary(core: Pick<CorePort, 'summary' | 'info' | 'warning'>, markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.info(markdown);
    core.warning(`job summary not written: ${(error as Error).message}`);
  }
}
