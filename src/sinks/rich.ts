// `format: rich`: the run at a glance, for Slack (Block Kit with a colour bar), Discord (embed
// fields) and Telegram (HTML). This module picks the facts once; each sink lays them out.
// `format: text` (the default) keeps Bernstein's wire formats unchanged.
import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
import { runLink } from './presentation.js';

export const FormatShape = { format: z._default(z.enum(['text', 'rich']), 'text') };

export type RunState = 'started' | 'running' | 'success' | 'failure' | 'cancelled';

export const STATE_EMOJI: Record<RunState, string> = { started: '⏳', running: '⏳', success: '✅', failure: '❌', cancelled: '⚪' };
/** Slack/Discord colours per state: grey-blue while running, green, red, grey. */
export const STATE_COLOUR: Record<RunState, number> = { started: 0x439fe0, running: 0x439fe0, success: 0x2eb67d, failure: 0xe01e5a, cancelled: 0x9e9e9e };

export interface RichView {
  state: RunState;
  emoji: string;
  title: string;
  body: string;
  /** Label → value, in display order, only those the event has. */
  facts: [string, string][];
  link?: string;
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return typeof value === 'object' ? undefined : String(value);
}

/** started ⏳, running ⏳, success ✅, failure ❌, cancelled ⚪ — from the status the source gave, else kind and severity. */
export function runState(event: NotificationEvent): RunState {
  const status = String(event.details.status ?? event.labels.status ?? '').toLowerCase();
  if (['failure', 'failed', 'error', 'timed_out'].includes(status) || event.severity === 'error') return 'failure';
  if (['cancelled', 'canceled', 'killed', 'skipped'].includes(status) || event.severity === 'warning') return 'cancelled';
  if (status === 'running' || /(^|_)progress($|_)/.test(event.kind)) return 'running';
  if (status === 'started' || event.kind.startsWith('pre_')) return 'started';
  return 'success';
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function richView(event: NotificationEvent): RichView {
  const state = runState(event);
  const d = event.details;
  const l = event.labels;
  const duration = typeof d.duration_s === 'number' ? formatSeconds(d.duration_s) : text(d.duration);
  const progress = text(d.progress_pct) ?? text(l.progress_pct);
  const candidates: [string, string | undefined][] = [
    ['Job', text(d.job) ?? text(l.job_name) ?? text(l.job_id) ?? text(event.task_id)],
    ['Host', text(l.host)],
    ['Duration', duration],
    ['Exit status', text(d.exit_status)],
    ['Progress', progress === undefined ? undefined : `${progress}%`],
    ['ETA', text(d.eta) ?? text(l.eta)],
    // Set by the dispatcher for a living message: the states it has shown, in one line.
    ['Stages', text(d.stages)],
  ];
  const facts = candidates.filter((c): c is [string, string] => c[1] !== undefined);
  const link = runLink(event);
  return { state, emoji: STATE_EMOJI[state], title: event.title, body: event.body, facts, ...(link ? { link } : {}) };
}
