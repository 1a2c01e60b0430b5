// The job summary: pure functions from outcomes (or dry-run renderings) to Markdown, and one
// writer that never fails the step. The runner refuses a step summary over 1 MiB, and a run can
// carry tens of thousands of events, so the summary counts per sink × outcome and lists only a
// capped number of failures; everything else is in the results file.
import type { RenderedForSink } from '../dispatch/dispatcher.js';
import { isFailure, type Outcome } from '../dispatch/outcome.js';
import type { DeadLetter } from '../state/store.js';
import { renderMarkdown } from '../report/markdown.js';
import type { CorePort } from './ports.js';

/** Below the runner's 1 MiB (1,048,576 bytes) per step, with room for the post step's notes. */
export const SUMMARY_MAX_BYTES = 1_000_000;
/** Failures and dead letters listed one by one; the rest are counted. */
export const SUMMARY_LIST_LIMIT = 20;
/** Dry run: messages shown in full. */
export const DRY_RUN_SHOWN_LIMIT = 10;
const ERROR_TEXT_LIMIT = 300;

const OUTCOME_COLUMNS: [string, string][] = [
  ['delivered', '✅ delivered'],
  ['deduplicated', '♻️ deduplicated'],
  ['filtered', '⏭️ filtered'],
  ['failed_permanent', '❌ failed'],
  ['dead_lettered', '📥 dead-lettered'],
];

export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;');
}

function clip(text: string, limit = ERROR_TEXT_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** `| sink | n | n |…` rows, one per sink in first-seen order. */
function countTable(columns: [string, string][], items: readonly { sink_id: string; outcome: string }[]): string[] {
  const bySink = new Map<string, Record<string, number>>();
  for (const item of items) {
    const row = bySink.get(item.sink_id) ?? {};
    row[item.outcome] = (row[item.outcome] ?? 0) + 1;
    bySink.set(item.sink_id, row);
  }
  const lines = [`| Sink | ${columns.map(([, label]) => label).join(' | ')} |`, `| --- |${columns.map(() => ' ---: |').join('')}`];
  for (const [sink, row] of bySink) lines.push(`| ${cell(sink)} | ${columns.map(([name]) => row[name] ?? 0).join(' | ')} |`);
  return [...lines, ''];
}

function more(shown: number, total: number, where: string): string[] {
  return total > shown ? [`- +${total - shown} more (${where})`] : [];
}

function eventLine(outcomes: readonly Outcome[]): string[] {
  const events = new Map(outcomes.map((o) => [o.event_id, o.title]));
  if (events.size === 1) {
    const [[id, title]] = [...events];
    return [`Event: **${cell(title)}** \`${id.slice(0, 12)}\``, ''];
  }
  return events.size ? [`${events.size} events.`, ''] : [];
}

export function deliverySummary(outcomes: readonly Outcome[], deadLetters: readonly DeadLetter[], notes: readonly string[], resultsFile?: string): string {
  const where = resultsFile ? `all results in \`${resultsFile}\`, the \`results-file\` output` : 'see the step outputs';
  const lines = ['## Herald notifications', ''];
  if (!outcomes.length) lines.push('_No sink selected: nothing was sent._', '');
  else lines.push(...eventLine(outcomes), ...countTable(OUTCOME_COLUMNS, outcomes));
  const failures = outcomes.filter(isFailure);
  if (failures.length) {
    lines.push(`### Failures (${failures.length})`, '');
    for (const o of failures.slice(0, SUMMARY_LIST_LIMIT)) {
      lines.push(`- **${cell(o.sink_id)}** ${cell(clip(o.title, 120))} \`${o.event_id.slice(0, 12)}\`: ${o.outcome === 'dead_lettered' ? 'dead-lettered' : 'failed'} after ${o.attempts} attempt(s): ${cell(clip(o.error ?? 'unknown error'))}`);
    }
    lines.push(...more(SUMMARY_LIST_LIMIT, failures.length, where), '');
  }
  if (deadLetters.length) {
    lines.push(`### Dead letters (${deadLetters.length} kept in state)`, '', 'Replay them with `herald dlq replay` once the sink works again.', '');
    for (const l of deadLetters.slice(0, SUMMARY_LIST_LIMIT)) lines.push(`- \`${l.id}\` ${cell(l.sink_id)}: ${cell(clip(l.event.title, 120))} — ${cell(clip(l.reason))}`);
    lines.push(...more(SUMMARY_LIST_LIMIT, deadLetters.length, 'list them with `herald dlq list`'), '');
  }
  return fitSummary(lines.join('\n') + notesSection(notes));
}

export function dryRunSummary(rendered: readonly RenderedForSink[], missing: readonly string[], notes: readonly string[], redact: (text: string) => string, resultsFile?: string): string {
  const lines = ['## Herald dry run', '', 'Nothing was sent and no state was written.', ''];
  if (missing.length) lines.push('**Variables not set in this run** (rendered as empty):', '', ...missing.map((m) => `- ${m}`), '');
  if (!rendered.length) lines.push('_No sink selected._', '');
  else {
    const outcomes = rendered.map((item) => ({ sink_id: item.sink_id, outcome: item.wouldBe ?? (item.message ? 'rendered' : 'filtered') }));
    lines.push(...countTable([['rendered', '📝 would send'], ['deduplicated', '♻️ would be deduplicated'], ['filtered', '⏭️ filtered']], outcomes));
    const shown = rendered.slice(0, DRY_RUN_SHOWN_LIMIT);
    lines.push(rendered.length > shown.length ? `The first ${shown.length} of ${rendered.length} (event, sink) pairs; all are in ${resultsFile ? `\`${resultsFile}\`` : 'the results output'}:` : 'Each sink would receive:', '');
    lines.push(renderMarkdown(shown, redact));
  }
  return fitSummary(lines.join('\n') + '\n' + notesSection(notes));
}

/** What stopped the step, for a reader of the summary who never opens the log. */
export function problemSummary(message: string, dryRun: boolean): string {
  const fence = message.includes('```') ? '~~~' : '```';
  return [`## Herald ${dryRun ? 'dry run' : 'notifications'}: not run`, '', 'Nothing was sent. The problem:', '', fence, message, fence, ''].join('\n') + '\n';
}

export function notesSection(notes: readonly string[]): string {
  if (!notes.length) return '';
  return ['### State', '', ...notes.map((n) => `- ${n}`), ''].join('\n') + '\n';
}

/** Cuts Markdown to SUMMARY_MAX_BYTES of UTF-8, closing a code fence the cut left open. */
export function fitSummary(markdown: string, maxBytes = SUMMARY_MAX_BYTES): string {
  if (Buffer.byteLength(markdown) <= maxBytes) return markdown;
  const note = '\n\n_… cut: a job summary is limited to 1 MiB per step; the results file has everything._\n';
  let cut = Buffer.from(markdown).subarray(0, maxBytes - Buffer.byteLength(note) - 8).toString('utf8').replace(/\uFFFD$/, '');
  if ((cut.match(/^```/gm) ?? []).length % 2 === 1) cut += '\n```';
  return cut + note;
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
