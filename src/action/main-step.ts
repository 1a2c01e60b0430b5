// The main step: read inputs, load and validate the config, mask every secret, restore state,
// then either deliver the events (outputs, summary, annotations) or, in dry-run, render them.
import { createHerald, type Herald } from '../herald.js';
import { isUserError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';
import { Redactor } from '../core/redact.js';
import { countOutcomes, isFailure, outcomeLine, type Outcome } from '../dispatch/outcome.js';
import { ActionsCacheState } from '../state/actions-cache.js';
import { listStateKeys } from '../state/actions-cache-list.js';
import { eventsFromFiles } from './events-file.js';
import { matrixHash, readGitHubRun, stepEvent, type GitHubRun } from './github-context.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { coreLogger, safeStdout, type ActionPorts } from './ports.js';
import { planState, rememberForPost, type StatePlan } from './state-setup.js';
import { deliverySummary, dryRunSummary, writeSummary } from './summary.js';

const ANNOTATION_LIMIT = 10; // the runner shows at most 10 annotations of a type per step

export async function runMain(ports: ActionPorts): Promise<void> {
  const { core } = ports;
  let inputs: ActionInputs;
  try {
    inputs = readInputs(core);
  } catch (error) {
    core.setFailed(describe(error));
    return;
  }
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  const run = readGitHubRun(ports.env);
  const plan = planState(inputs, run, ports.env, safeAvailable(ports), matrixHash(inputs.matrix));
  for (const note of plan.notes) core.notice(note);

  const redactor = new Redactor();
  let herald: Herald;
  try {
    herald = await createHerald({
      config: inputs.config,
      cwd: ports.cwd,
      env: ports.env,
      state: plan.choice,
      allowDefault: true,
      // A pull request from a fork runs without secrets: preview with the variables unset.
      tolerateMissing: inputs.dryRun,
      context: { redactor, log: coreLogger(core, (t) => redactor.redact(t)), stdout: safeStdout((t) => redactor.redact(t)) },
    });
  } catch (error) {
    // An invalid config fails the check, with the file and key path.
    core.setFailed(describe(error));
    return;
  }
  try {
    // Before anything else is logged: every secret and the forms it can appear in.
    for (const secret of new Set([...herald.config.secrets, ...redactor.secrets()])) core.setSecret(secret);
    if (!herald.config.file) core.notice('no Herald config found: using the built-in default (console and .herald/events.jsonl)');
    const unknown = inputs.sinks.filter((id) => !herald.config.sinks.some((s) => s.config.id === id));
    if (unknown.length) {
      core.setFailed(`input 'sinks': ${unknown.join(', ')} not in ${herald.config.file ?? 'the default config'} (available: ${herald.config.sinks.map((s) => s.config.id).join(', ') || 'none'})`);
      return;
    }
    const policy = { windowMs: herald.config.block.dedup_window_seconds * 1000, lruSize: herald.config.block.dedup_lru_size };
    rememberForPost(core, plan, inputs.dryRun, policy);
    const events = await readStepEvents(inputs, run, ports);
    const notes = [...plan.notes, ...(await restoreState(ports, herald, plan, inputs, run))];
    if (plan.layout && !inputs.dryRun) core.exportVariable('HERALD_STATE_DIR', plan.layout.storeDir);
    if (inputs.dryRun) await previewRun(ports, herald, events, inputs, notes);
    else await deliverRun(ports, herald, events, inputs, notes);
  } catch (error) {
    if (isUserError(error) || inputs.failOnError) core.setFailed(describe(error));
    else core.warning(`Herald: ${redactor.redact(describe(error))}`);
  } finally {
    await herald.close().catch(() => undefined);
  }
}

function safeAvailable(ports: ActionPorts): boolean {
  try {
    return ports.cache.isFeatureAvailable();
  } catch {
    return false;
  }
}

async function readStepEvents(inputs: ActionInputs, run: GitHubRun, ports: ActionPorts): Promise<NotificationEvent[]> {
  const now = ports.nowMs() / 1000;
  if (!inputs.eventsFile.length) return [stepEvent(inputs, run, now)];
  const workspace = ports.env.GITHUB_WORKSPACE || ports.cwd;
  const { files, events } = await eventsFromFiles(inputs.eventsFile, workspace, now, inputs.labels, (m) => ports.core.warning(m));
  ports.core.info(`read ${events.length} event(s) from ${files.length} file(s)`);
  return events;
}

/** Merges the saved state into this job's store; every problem becomes a note, never a failure. */
async function restoreState(ports: ActionPorts, herald: Herald, plan: StatePlan, inputs: ActionInputs, run: GitHubRun): Promise<string[]> {
  if (!plan.layout || !plan.prefix) return [];
  const log = coreLogger(ports.core, (t) => herald.ctx.redactor.redact(t));
  const state = new ActionsCacheState(ports.cache, plan.layout, log);
  const token = inputs.githubToken;
  const listKeys =
    token && run.repository
      ? () => listStateKeys({ fetch: ports.fetch, apiUrl: run.apiUrl, repository: run.repository, token, prefix: plan.prefix!, siblingWindowMs: 6 * 3600_000, limit: 10 })
      : undefined;
  try {
    const report = await state.restoreInto(herald.store, plan.prefix, ports.nowMs(), listKeys);
    const notes = [...report.warnings];
    notes.push(report.restored.length ? `restored ${report.restored.length} snapshot(s): ${report.restored.map((k) => `\`${k}\``).join(', ')}` : `no earlier state under \`${plan.prefix}*\` (first run, another branch, or evicted)`);
    if (!listKeys) notes.push('only the newest snapshot was read; pass `github-token` (actions: read) to merge parallel jobs too');
    for (const w of report.warnings) ports.core.warning(w);
    return notes;
  } catch (error) {
    const message = `state not restored: ${(error as Error).message}`;
    ports.core.warning(message);
    return [message];
  }
}

async function previewRun(ports: ActionPorts, herald: Herald, events: NotificationEvent[], inputs: ActionInputs, notes: string[]): Promise<void> {
  const rendered = herald.dispatcher.renderAll(events, inputs.sinks);
  // Show what the restored state would deduplicate, without claiming anything.
  const snapshot = await herald.store.exportSnapshot(ports.nowMs());
  const delivered = new Set(snapshot.dedup.map((d) => `${d.sink_id}\u0000${d.event_id}`));
  const dedupSinks = new Set(herald.config.sinks.filter((s) => s.config.dedup).map((s) => s.config.id));
  for (const item of rendered) if (item.message && dedupSinks.has(item.sink_id) && delivered.has(`${item.sink_id}\u0000${item.event_id}`)) item.wouldBe = 'deduplicated';
  const missing = herald.config.missing.filter((m) => m.fatal).map((m) => `\${${m.name}} used at ${m.keyPath}`);
  for (const m of missing) ports.core.warning(`dry run: ${m} is not set in this run`);
  const r = herald.ctx.redactor;
  await writeSummary(ports.core, dryRunSummary(rendered, missing, [...notes, 'dry run: state is read, never saved'], (t) => r.redact(t)));
  const results = rendered.map((item) => ({ sink_id: item.sink_id, event_id: item.event_id, outcome: item.message ? 'rendered' : 'filtered', ...(item.reason ? { reason: r.redact(item.reason) } : {}), ...(item.wouldBe ? { would_be: item.wouldBe } : {}) }));
  setCounts(ports, { delivered: 0, deduplicated: rendered.filter((i) => i.wouldBe).length, failed: 0, deadLettered: 0 }, results);
  ports.core.info(`dry run: rendered ${rendered.filter((i) => i.message).length} message(s) for ${events.length} event(s); nothing sent`);
}

async function deliverRun(ports: ActionPorts, herald: Herald, events: NotificationEvent[], inputs: ActionInputs, notes: string[]): Promise<void> {
  const { core } = ports;
  const outcomes = await herald.dispatcher.dispatch(events, { sinkIds: inputs.sinks });
  const counts = countOutcomes(outcomes);
  const failures = outcomes.filter(isFailure);
  setCounts(ports, { delivered: counts.delivered!, deduplicated: counts.deduplicated!, failed: failures.length, deadLettered: counts.dead_lettered! }, outcomes.map(outcomeLine));
  const deadLetters = await herald.store.listDeadLetters().catch(() => []);
  await writeSummary(core, deliverySummary(outcomes, deadLetters, notes));
  annotate(ports, failures, inputs.failOnError);
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  core.info(`Herald: ${parts.join(', ') || 'no sink selected'}`);
  if (inputs.failOnError && failures.length) core.setFailed(`${failures.length} delivery failure(s); see the job summary`);
}

function annotate(ports: ActionPorts, failures: Outcome[], asErrors: boolean): void {
  const report = asErrors ? ports.core.error : ports.core.warning;
  for (const o of failures.slice(0, ANNOTATION_LIMIT - 1)) report(`${o.sink_id}: ${o.outcome === 'dead_lettered' ? 'dead-lettered' : 'failed'}: ${o.error ?? 'unknown error'}`, { title: `Herald: ${o.title}` });
  if (failures.length >= ANNOTATION_LIMIT) report(`${failures.length - ANNOTATION_LIMIT + 1} more delivery failure(s); see the job summary`, { title: 'Herald' });
}

function setCounts(ports: ActionPorts, counts: { delivered: number; deduplicated: number; failed: number; deadLettered: number }, results: unknown[]): void {
  const { core } = ports;
  core.setOutput('delivered', counts.delivered);
  core.setOutput('deduplicated', counts.deduplicated);
  core.setOutput('failed', counts.failed);
  core.setOutput('dead-lettered', counts.deadLettered);
  core.setOutput('results', JSON.stringify(results));
}

function describe(error: unknown): string {
  if (isUserError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
