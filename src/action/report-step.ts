// The two endings of a main step with a usable config: deliver and report (outputs, summary,
// annotations), or, in dry-run, render and report what would be sent.
import type { Herald } from '../herald.js';
import type { NotificationEvent } from '../core/event.js';
import { conversationOf } from '../core/conversation.js';
import { countOutcomes, isFailure, outcomeLine, type Outcome } from '../dispatch/outcome.js';
import type { ActionPorts } from './ports.js';
import { boundedResults, writeResultsFile, type ResultLine } from './results.js';
import { deliverySummary, dryRunSummary, writeSummary } from './summary.js';

const ANNOTATION_LIMIT = 10; // the runner shows at most 10 annotations of a type per step

export interface ReportTarget {
  /** Folder for the results file (under RUNNER_TEMP). */
  scratchDir: string;
  /** GITHUB_ACTION: names this step's results file. */
  step: string;
}

export async function previewRun(ports: ActionPorts, herald: Herald, events: NotificationEvent[], sinkIds: string[], notes: string[], target: ReportTarget): Promise<void> {
  // Shows what the restored state would deduplicate, without claiming anything.
  const rendered = await herald.preview(events, sinkIds);
  const missing = herald.config.missing.filter((m) => m.fatal).map((m) => `\${${m.name}} used at ${m.keyPath}`);
  for (const m of missing) ports.core.warning(`dry run: ${m} is not set in this run`);
  const r = herald.ctx.redactor;
  const results = rendered.map((item) => ({ sink_id: item.sink_id, event_id: item.event_id, outcome: item.message ? 'rendered' : 'filtered', ...(item.reason ? { reason: r.redact(item.reason) } : {}), ...(item.wouldBe ? { would_be: item.wouldBe } : {}) }));
  const resultsFile = await writeResultsFile(target.scratchDir, target.step, results);
  await writeSummary(ports.core, dryRunSummary(rendered, missing, [...notes, 'dry run: state is read, never saved'], (t) => r.redact(t), resultsFile));
  setOutputs(ports, { delivered: 0, deduplicated: rendered.filter((i) => i.wouldBe).length, failed: 0, deadLettered: 0 }, results, resultsFile);
  ports.core.info(`dry run: rendered ${rendered.filter((i) => i.message).length} message(s) for ${events.length} event(s); nothing sent`);
}

export async function deliverRun(ports: ActionPorts, herald: Herald, events: NotificationEvent[], sinkIds: string[], failOnError: boolean, notes: string[], target: ReportTarget): Promise<void> {
  const { core } = ports;
  const outcomes = await herald.deliver(events, { sinkIds });
  const counts = countOutcomes(outcomes);
  const failures = outcomes.filter(isFailure);
  const results = outcomes.map(outcomeLine) as ResultLine[];
  const resultsFile = await writeResultsFile(target.scratchDir, target.step, results);
  setOutputs(ports, { delivered: counts.delivered!, deduplicated: counts.deduplicated!, failed: failures.length, deadLettered: counts.dead_lettered! }, results, resultsFile);
  await setLivingMessageOutputs(ports, herald, events, sinkIds);
  const deadLetters = await herald.store.listDeadLetters().catch(() => []);
  await writeSummary(core, deliverySummary(outcomes, deadLetters, notes, resultsFile));
  annotate(ports, failures, failOnError);
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  core.info(`Herald: ${parts.join(', ') || 'no sink selected'}`);
  if (failOnError && failures.length) core.setFailed(`${failures.length} delivery failure(s); see the job summary`);
}

/** `conversation` and `message-ids` ({sink_id: id}), so a later step can still chain by hand. */
async function setLivingMessageOutputs(ports: ActionPorts, herald: Herald, events: NotificationEvent[], sinkIds: string[]): Promise<void> {
  const last = events[events.length - 1];
  if (!herald.keepsLivingMessages || !last) return;
  ports.core.setOutput('conversation', conversationOf(last) ?? '');
  ports.core.setOutput('message-ids', JSON.stringify(await herald.messageIds(last, sinkIds)));
}

function annotate(ports: ActionPorts, failures: Outcome[], asErrors: boolean): void {
  const report = asErrors ? ports.core.error : ports.core.warning;
  for (const o of failures.slice(0, ANNOTATION_LIMIT - 1)) report(`${o.sink_id}: ${o.outcome === 'dead_lettered' ? 'dead-lettered' : 'failed'}: ${o.error ?? 'unknown error'}`, { title: `Herald: ${o.title}` });
  if (failures.length >= ANNOTATION_LIMIT) report(`${failures.length - ANNOTATION_LIMIT + 1} more delivery failure(s); see the job summary`, { title: 'Herald' });
}

function setOutputs(ports: ActionPorts, counts: { delivered: number; deduplicated: number; failed: number; deadLettered: number }, results: ResultLine[], resultsFile: string): void {
  const { core } = ports;
  const bounded = boundedResults(results);
  core.setOutput('delivered', counts.delivered);
  core.setOutput('deduplicated', counts.deduplicated);
  core.setOutput('failed', counts.failed);
  core.setOutput('dead-lettered', counts.deadLettered);
  core.setOutput('results', bounded.json);
  core.setOutput('results-truncated', String(bounded.truncated));
  core.setOutput('results-file', resultsFile);
}
