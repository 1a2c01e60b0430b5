// What the runner tells a step about its run (GITHUB_* variables), and the event a step reports
// when it is given no title or body: who, what, where, and a link back to the run.
import { createHash } from 'node:crypto';
import { buildEvent, type JsonValue, type NotificationEvent } from '../core/event.js';
import type { ActionInputs } from './inputs.js';
import type { PullRequest } from './pull-request.js';

export interface GitHubRun {
  serverUrl: string;
  apiUrl: string;
  repository: string;
  workflow: string;
  job: string;
  /** GITHUB_ACTION: the step's id, or `__owner_repo` with `_2`, `_3`… for later unnamed uses in the job. */
  step: string;
  runId: string;
  runAttempt: string;
  ref: string;
  refName: string;
  sha: string;
  actor: string;
  eventName: string;
  runUrl: string;
}

export function readGitHubRun(env: Record<string, string | undefined>): GitHubRun {
  // GHES serves runs from its own host; never hard-code github.com.
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY ?? '';
  const runId = env.GITHUB_RUN_ID ?? '0';
  const runAttempt = env.GITHUB_RUN_ATTEMPT ?? '1';
  return {
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || (serverUrl === 'https://github.com' ? 'https://api.github.com' : `${serverUrl}/api/v3`)).replace(/\/+$/, ''),
    repository,
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    step: env.GITHUB_ACTION ?? '',
    runId,
    runAttempt,
    ref: env.GITHUB_REF ?? '',
    refName: env.GITHUB_REF_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    runUrl: repository ? `${serverUrl}/${repository}/actions/runs/${runId}${runAttempt !== '1' ? `/attempts/${runAttempt}` : ''}` : '',
  };
}

/** Short, stable digest of the matrix values: tells matrix jobs of one run apart in keys and ids. */
export function matrixHash(matrix: Record<string, unknown> | undefined): string | undefined {
  if (!matrix) return undefined;
  const canonical = JSON.stringify(Object.keys(matrix).sort().map((k) => [k, matrix[k]]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 8);
}

/** One job of one run attempt (one matrix cell) is one living message, whichever step reports. */
export function actionConversationKey(run: GitHubRun, matrix: Record<string, unknown> | undefined): string {
  const cell = matrixHash(matrix);
  return ['gh', run.repository, run.runId, run.runAttempt, run.job, ...(cell ? [cell] : [])].join(':');
}

/** The labels every step event carries: enough to route and to find the run. */
export function runLabels(run: GitHubRun): Record<string, string> {
  const labels: Record<string, string> = {};
  if (run.repository) labels.repo = run.repository;
  if (run.refName || run.ref) labels.ref = run.refName || run.ref;
  if (run.sha) labels.sha = run.sha.slice(0, 12);
  if (run.actor) labels.actor = run.actor;
  if (run.runId !== '0') labels.run = `${run.runId}/${run.runAttempt}`;
  return labels;
}

/**
 * The id of this step's event. One step reporting once per status is one notification: a job
 * that reports "started" and later "failure", or has two Herald steps, sends each; the same step
 * retried inside one attempt is deduplicated; a re-run (a new attempt) notifies again.
 */
export function stepEventId(inputs: Pick<ActionInputs, 'event' | 'status' | 'matrix'>, run: GitHubRun): string {
  const idSource = ['herald-action', run.repository, run.runId, run.runAttempt, run.job, matrixHash(inputs.matrix) ?? '', run.step, inputs.event, inputs.status?.toLowerCase() ?? ''].join('|');
  return createHash('sha256').update(idSource).digest('hex').slice(0, 32);
}

/** The event for this step; its default title and body say who, what, where, with a link back. */
export function stepEvent(inputs: ActionInputs, run: GitHubRun, nowSeconds: number, pullRequest?: PullRequest): NotificationEvent {
  const status = inputs.status?.toLowerCase();
  const matrixText = inputs.matrix ? Object.entries(inputs.matrix).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ') : '';
  const jobName = `${run.workflow || 'workflow'} / ${run.job || 'job'}${matrixText ? ` (${matrixText})` : ''}`;
  const title = inputs.title ?? `${jobName}${pullRequest ? ` on #${pullRequest.number}` : ''}: ${status ?? 'finished'}`;
  // A pull request's ref is "<number>/merge": name the pull request and its branches instead.
  const where = pullRequest
    ? [`Pull request: #${pullRequest.number} ${pullRequest.title}`, pullRequest.headRef ? `Branch: ${pullRequest.headRef} → ${pullRequest.baseRef}` : '', pullRequest.url ? `PR: ${pullRequest.url}` : '']
    : [`Ref: ${run.refName || run.ref}`];
  const body =
    inputs.body ??
    [
      `Workflow: ${run.workflow}`,
      `Job: ${run.job}${matrixText ? ` (${matrixText})` : ''}`,
      status ? `Status: ${status}` : '',
      `Repository: ${run.repository}`,
      ...where,
      `Commit: ${run.sha.slice(0, 12)}`,
      `Actor: ${run.actor}`,
      run.runUrl ? `Run: ${run.runUrl}` : '',
    ]
      .filter((line) => line && !/: $/.test(line))
      .join('\n');
  const details: Record<string, JsonValue> = { workflow: run.workflow, job: run.job, run_url: run.runUrl, event_name: run.eventName };
  if (status) details.status = status;
  if (pullRequest) details.pull_request = { number: pullRequest.number, title: pullRequest.title, url: pullRequest.url };
  if (inputs.matrix) details.matrix = inputs.matrix as JsonValue;
  return buildEvent(
    {
      kind: inputs.event,
      title,
      body,
      outcome: status,
      event_id: stepEventId(inputs, run),
      task_id: run.job || null,
      run_id: run.runId !== '0' ? `${run.runId}-${run.runAttempt}` : null,
      labels: { ...runLabels(run), ...(pullRequest ? { pr: String(pullRequest.number) } : {}), ...inputs.labels },
      details,
    },
    nowSeconds,
  );
}
