// The action's inputs, read and checked in one place. getBooleanInput accepts only the YAML 1.2
// booleans (true/True/TRUE/false/False/FALSE), so a typo fails the step with the input's name.
import { UsageError } from '../core/errors.js';
import { parsePairs } from '../sources/lifecycle.js';
import type { CorePort } from './ports.js';
import { WEBHOOK_TYPES, type InlineTarget, type WebhookType } from './inline-target.js';

export const STATE_MODES = ['actions-cache', 'dir', 'redis', 'none'] as const;
export type StateMode = (typeof STATE_MODES)[number];

export interface ActionInputs {
  config?: string;
  event: string;
  status?: string;
  title?: string;
  body?: string;
  labels: Record<string, string>;
  eventsFile: string[];
  sinks: string[];
  dryRun: boolean;
  failOnError: boolean;
  state: StateMode;
  stateKey: string;
  /** `${{ toJSON(matrix) }}`: an object, or empty / "null" outside a matrix. */
  matrix?: Record<string, unknown>;
  githubToken?: string;
  /** From `webhook`, `webhook-type` and `chat-id`: one target without a config file. */
  inlineTarget?: InlineTarget;
}

export function readInputs(core: Pick<CorePort, 'getInput' | 'getBooleanInput' | 'getMultilineInput' | 'setSecret'>): ActionInputs {
  // Masked before anything else can print them, even when another input turns out invalid.
  const webhook = core.getInput('webhook');
  if (webhook) core.setSecret(webhook);
  const githubToken = core.getInput('github-token');
  if (githubToken) core.setSecret(githubToken);
  const text = (name: string) => core.getInput(name) || undefined;
  const bool = (name: string, fallback: boolean) => (core.getInput(name) ? core.getBooleanInput(name) : fallback);
  const state = (core.getInput('state') || 'actions-cache') as StateMode;
  if (!STATE_MODES.includes(state)) throw new UsageError(`input 'state' must be one of ${STATE_MODES.join(', ')} (got '${state}')`);
  const stateKey = core.getInput('state-key') || 'default';
  if (/[,\s]/.test(stateKey)) throw new UsageError(`input 'state-key' must not contain commas or spaces (got '${stateKey}')`, 'cache keys cannot hold commas');
  return {
    config: text('config'),
    event: core.getInput('event') || 'post_task',
    status: checkedStatus(text('status')),
    title: text('title'),
    body: core.getInput('body', { trimWhitespace: false }).trim() || undefined,
    labels: parsePairs(core.getMultilineInput('labels'), "input 'labels'"),
    eventsFile: core.getMultilineInput('events-file'),
    sinks: core.getMultilineInput('sinks').flatMap((line) => line.split(',')).map((s) => s.trim()).filter(Boolean),
    dryRun: bool('dry-run', false),
    failOnError: bool('fail-on-error', false),
    state,
    stateKey,
    matrix: parseMatrix(core.getInput('matrix')),
    githubToken: githubToken || undefined,
    inlineTarget: webhook ? { type: webhookType(core.getInput('webhook-type')), webhook, chatId: text('chat-id') } : undefined,
  };
}

/**
 * `${{ job.status }}` (success, failure, cancelled), a step's own words for "not finished yet",
 * and the outcome words severity is derived from. Anything else is a typo that would otherwise
 * read as success (info) and notify nobody who filters on errors.
 */
export const KNOWN_STATUSES = [
  'success', 'failure', 'cancelled', 'canceled', 'skipped', 'started', 'running', 'in_progress', 'queued', 'pending',
  'failed', 'error', 'timed_out', 'timeout', 'warning', 'warn', 'killed', 'rolled_back', 'passed', 'ok', 'neutral',
] as const;

function checkedStatus(status: string | undefined): string | undefined {
  if (status !== undefined && !(KNOWN_STATUSES as readonly string[]).includes(status.toLowerCase())) {
    throw new UsageError(`input 'status' must be a job status such as success, failure or cancelled (got '${status}')`, `pass status: \${{ job.status }}; known: ${KNOWN_STATUSES.join(', ')}`);
  }
  return status;
}

function webhookType(text: string): WebhookType {
  const type = (text || 'webhook').toLowerCase() as WebhookType;
  if (!WEBHOOK_TYPES.includes(type)) throw new UsageError(`input 'webhook-type' must be one of ${WEBHOOK_TYPES.join(', ')} (got '${text}')`);
  return type;
}

function parseMatrix(text: string): Record<string, unknown> | undefined {
  if (!text || text === 'null') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`input 'matrix' is not JSON (${(error as Error).message})`, 'pass matrix: ${{ toJSON(matrix) }}');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError("input 'matrix' must be a JSON object", 'pass matrix: ${{ toJSON(matrix) }}');
  return Object.keys(value).length ? (value as Record<string, unknown>) : undefined;
}
