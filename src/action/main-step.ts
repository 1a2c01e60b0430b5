// The main step: read inputs, choose and load the config, mask every secret, restore state, then
// either deliver the events (outputs, summary, annotations) or, in dry-run, render them.
import { createHerald, type Herald } from '../herald.js';
import { isUserError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';
import { Redactor } from '../core/redact.js';
import { ActionsCacheState } from '../state/actions-cache.js';
import { listStateKeys } from '../state/actions-cache-list.js';
import { chooseConfig } from './config-choice.js';
import { annotateConfigProblem, describeConfigProblem } from './config-problem.js';
import { eventsFromFiles } from './events-file.js';
import { actionConversationKey, matrixHash, readGitHubRun, stepEvent, type GitHubRun } from './github-context.js';
import { withConversation } from '../core/conversation.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { coreLogger, safeStdout, type ActionPorts } from './ports.js';
import { readPullRequest } from './pull-request.js';
import { deliverRun, previewRun } from './report-step.js';
import { actionScratchDir, localStateDir, planState, rememberForPost, type StatePlan } from './state-setup.js';
import { problemSummary, writeSummary } from './summary.js';

export async function runMain(ports: ActionPorts): Promise<void> {
  const { core } = ports;
  let inputs: ActionInputs;
  try {
    inputs = readInputs(core);
  } catch (error) {
    await failStep(ports, error, false);
    return;
  }
  const redactor = new Redactor();
  // The inline target's derived forms (a URL's path, the part of a bot token after ':') are
  // masked before the config is even read.
  if (inputs.inlineTarget) {
    redactor.add(inputs.inlineTarget.webhook);
    for (const secret of redactor.secrets()) core.setSecret(secret);
  }
  const run = readGitHubRun(ports.env);
  const plan = planState(inputs, run, ports.env, safeAvailable(ports), matrixHash(inputs.matrix));
  for (const note of plan.notes) core.notice(note);
  const scratchDir = actionScratchDir(ports.env);

  let herald: Herald;
  let delivering = false;
  try {
    const choice = await chooseConfig(inputs, ports.cwd, ports.env, scratchDir);
    for (const note of choice.notes) core.notice(note);
    herald = await createHerald({
      config: choice.path,
      cwd: ports.cwd,
      // HERALD_STATE_DIR also steers where a dead letter the store cannot take is rescued to:
      // under RUNNER_TEMP, never into the checkout.
      env: { ...ports.env, ...choice.env, HERALD_STATE_DIR: localStateDir(ports.env) },
      state: plan.choice,
      // A pull request from a fork runs without secrets: preview with the variables unset.
      tolerateMissing: inputs.dryRun,
      context: { redactor, log: coreLogger(core, (t) => redactor.redact(t)), stdout: safeStdout((t) => redactor.redact(t)) },
    });
  } catch (error) {
    await failStep(ports, error, inputs.dryRun);
    return;
  }
  try {
    // Before anything else is logged: every secret and the forms it can appear in.
    for (const secret of new Set([...herald.config.secrets, ...redactor.secrets()])) core.setSecret(secret);
    const unknown = inputs.sinks.filter((id) => !herald.config.sinks.some((s) => s.config.id === id));
    if (unknown.length) {
      core.setFailed(`input 'sinks': ${unknown.join(', ')} not in ${herald.config.file} (available: ${herald.config.sinks.map((s) => s.config.id).join(', ') || 'none'})`);
      return;
    }
    const policy = { windowMs: herald.config.block.dedup_window_seconds * 1000, lruSize: herald.config.block.dedup_lru_size };
    const notes = [...plan.notes];
    // The runner's files (state for the post step, variables for later steps) are bookkeeping: a
    // runner that lacks one loses that, said in the log, but the notification still goes out.
    const bookkeeping = (what: string, write: () => void) => {
      try {
        write();
      } catch (error) {
        const note = `could not ${what} (${redactor.redact((error as Error).message)}); the notification is sent anyway`;
        core.warning(`Herald: ${note}`);
        notes.push(note);
      }
    };
    bookkeeping('save state for the post step', () => rememberForPost(core, plan, inputs.dryRun, policy));
    const events = await readStepEvents(inputs, run, ports, herald.keepsLivingMessages);
    notes.push(...(await restoreState(ports, herald, plan, inputs, run)));
    // Later steps of the job (another Herald step, a `herald` CLI step) share this store.
    if (plan.mode !== 'none' && plan.mode !== 'redis' && !inputs.dryRun) bookkeeping('export HERALD_STATE_DIR to later steps', () => core.exportVariable('HERALD_STATE_DIR', plan.layout?.storeDir ?? plan.choice.stateDir));
    const target = { scratchDir, step: run.step };
    delivering = true;
    if (inputs.dryRun) await previewRun(ports, herald, events, inputs.sinks, notes, target);
    else await deliverRun(ports, herald, events, inputs.sinks, inputs.failOnError, notes, target);
  } catch (error) {
    // Failing before the delivery began means nothing was sent: the warning says so.
    const message = `${redactor.redact(describe(error))}${delivering || inputs.dryRun ? '' : ' (nothing was sent)'}`;
    if (isUserError(error) || inputs.failOnError) core.setFailed(message);
    else core.warning(`Herald: ${message}`);
  } finally {
    await herald.close().catch(() => undefined);
  }
}

/** A step that cannot run says why in the log, the summary, and on the config file in the diff. */
async function failStep(ports: ActionPorts, error: unknown, dryRun: boolean): Promise<void> {
  const problem = describeConfigProblem(error, ports.env.GITHUB_WORKSPACE || ports.cwd);
  annotateConfigProblem(ports.core, problem);
  await writeSummary(ports.core, problemSummary(problem.message, dryRun));
  ports.core.setFailed(problem.annotation ? `Herald: the config cannot be used (${problem.annotation.file}${problem.annotation.startLine ? `:${problem.annotation.startLine}` : ''}); see the annotation and the job summary` : problem.message);
}

function safeAvailable(ports: ActionPorts): boolean {
  try {
    return ports.cache.isFeatureAvailable();
  } catch {
    return false;
  }
}

async function readStepEvents(inputs: ActionInputs, run: GitHubRun, ports: ActionPorts, livingMessages = false): Promise<NotificationEvent[]> {
  const now = ports.nowMs() / 1000;
  if (!inputs.eventsFile.length) {
    const event = stepEvent(inputs, run, now, await readPullRequest(ports.env));
    return [livingMessages ? withConversation(event, actionConversationKey(run, inputs.matrix)) : event];
  }
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

function describe(error: unknown): string {
  if (isUserError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
