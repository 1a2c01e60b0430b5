// DenseGen pack: `densegen_health` lifecycle and throttled progress, `densegen_flush_failed`
// (reference §5.7). Messages match the golden examples of §5.9.
import { clampPct, fixed1, hms, toPyBigInt, toPyFloat, toPyInt } from '../numbers.js';
import type { UsrStatus } from '../status.js';
import { PackError, datasetName, obj, type Evaluation, type PackInput, type ToolEventHandler } from './types.js';

const SUCCESS = ['completed', 'complete', 'success', 'succeeded'];
const FAILURE = ['failed', 'failure', 'error'];
const STARTED = ['started', 'start'];
const RESUMED = ['resumed', 'resume'];

function statusWord(input: PackInput): string {
  const s = input.record.args && obj(input.record.args).status;
  return typeof s === 'string' ? s.toLowerCase() : '';
}

function block(input: PackInput): Record<string, unknown> {
  const d = obj(input.record.metrics).densegen;
  if (d === null || typeof d !== 'object' || Array.isArray(d)) throw new PackError('densegen_health events require metrics.densegen object');
  return d as Record<string, unknown>;
}

function int(d: Record<string, unknown>, key: string): number {
  const v = toPyInt(d[key]);
  if (v === undefined) throw new PackError(`densegen_health metrics.densegen.${key} must be an integer`);
  return v;
}

/** int() for what a message prints and subtracts: exact beyond 2^53, as Python's int. */
function bigInt(d: Record<string, unknown>, key: string): bigint {
  const v = toPyBigInt(d[key]);
  if (v === undefined) throw new PackError(`densegen_health metrics.densegen.${key} must be an integer`);
  return v;
}

/** Python's float(): NaN and the infinities pass, as in dnadesign (they print nan/inf). */
function num(d: Record<string, unknown>, key: string): number {
  const v = toPyFloat(d[key]);
  if (v === undefined) throw new PackError(`densegen_health metrics.densegen.${key} must be numeric`);
  return v;
}

function setting(value: number | undefined, fallback: number, name: string, integer = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || (integer && (!Number.isInteger(value) || value > 100))) {
    throw new PackError(`${name} must be ${integer ? 'an integer between 1 and 100' : 'a positive number'}`);
  }
  return value;
}

function header(input: PackInput, word: string): string {
  return `DenseGen ${word} | run=${input.runId} | dataset=${datasetName(input.record)}`;
}

const health: ToolEventHandler = {
  bucket: 'densegen',
  status(input): UsrStatus | null {
    const s = statusWord(input);
    if (SUCCESS.includes(s)) return 'success';
    if (FAILURE.includes(s)) return 'failure';
    if (STARTED.includes(s)) return 'started';
    if (RESUMED.includes(s)) return 'running';
    return null;
  },
  evaluate(input): Evaluation {
    const { state, now } = input;
    const s = statusWord(input);
    if (STARTED.includes(s)) {
      state.start = now;
      state.terminal = false;
      if (state.started_sent) return { emit: false };
      state.started_sent = true;
      return { emit: true };
    }
    if (RESUMED.includes(s)) {
      if (typeof state.start !== 'number') state.start = now;
      return { emit: false };
    }
    if (s === 'running') return evaluateRunning(input);
    if (SUCCESS.includes(s)) {
      if (state.terminal) return { emit: false };
      const d = block(input);
      if (int(d, 'rows_written_session') <= 0) return { emit: false };
      state.terminal = true;
      return { emit: true, durationSeconds: typeof state.start === 'number' ? now - state.start : null };
    }
    return { emit: true };
  },
  message(input, evaluation): string | null {
    const s = statusWord(input);
    const r = input.record;
    if (STARTED.includes(s)) {
      const lines = [header(input, 'started')];
      const d = obj(obj(r.metrics).densegen);
      const quota = toPyBigInt(d.run_quota);
      if (quota !== undefined) lines.push(`- Quota target: ${quota} rows`);
      return lines.join('\n');
    }
    if (RESUMED.includes(s)) {
      const d = block(input);
      const q = num(d, 'quota_progress_pct');
      return [header(input, 'resumed'), `- Quota (run session): ${fixed1(q)}% (${bigInt(d, 'rows_written_session')}/${bigInt(d, 'run_quota')} rows)`, `- Workspace rows: ${toPyBigInt(obj(r.fingerprint).rows) ?? ''}`].join('\n');
    }
    if (FAILURE.includes(s)) {
      const args = obj(r.args);
      const stage = (args.plan || args.input_name || 'densegen_health') as string;
      const lines = [header(input, 'failed'), `- Stage: ${stage}`];
      if (args.error !== undefined && args.error !== null && String(args.error) !== '') lines.push(`- Error: ${String(args.error)}`);
      return lines.join('\n');
    }
    if (SUCCESS.includes(s)) {
      const m = summaryMetrics(block(input));
      const lines = [header(input, 'completed')];
      const elapsed = m.elapsed ?? evaluation.durationSeconds ?? undefined;
      if (elapsed !== undefined && elapsed !== null) lines.push(`- Duration: ${hms(elapsed)}`);
      lines.push(`- Quota: ${fixed1(m.quotaPct)}% (${m.rows}/${m.quota} rows)`);
      lines.push(`- Plans: ${m.solved}/${m.attempted} (${fixed1(m.successPct)}%)`);
      lines.push(`- TFBS coverage: ${fixed1(m.coverage)}% (${m.used}/${m.total})`);
      return lines.join('\n');
    }
    return progressMessage(input, evaluation);
  },
};

/**
 * The metrics the completed and progress messages print, checked in dnadesign's order (so the
 * first missing one is the one named). Counts are bigints: printed and subtracted exactly.
 */
function summaryMetrics(d: Record<string, unknown>) {
  const quota = bigInt(d, 'run_quota');
  const rows = bigInt(d, 'rows_written_session');
  const quotaPct = num(d, 'quota_progress_pct');
  const total = bigInt(d, 'tfbs_total_library');
  const used = bigInt(d, 'tfbs_unique_used');
  const coverage = num(d, 'tfbs_coverage_pct');
  const attempted = bigInt(d, 'plans_attempted');
  const solved = bigInt(d, 'plans_solved');
  const successPct = attempted > 0n ? (Number(solved) / Number(attempted)) * 100 : 0;
  return { quota, rows, quotaPct, total, used, coverage, attempted, solved, successPct, elapsed: toPyFloat(d.run_elapsed_seconds) };
}

function progressMessage(input: PackInput, evaluation: Evaluation): string {
  const m = summaryMetrics(block(input));
  const remaining = m.quota > m.rows ? m.quota - m.rows : 0n;
  const lines = [header(input, 'progress'), `- Quota (run session): ${fixed1(m.quotaPct)}% (${m.rows}/${m.quota} rows)`, `- Remaining to quota: ${remaining} rows`];
  const wsRows = toPyBigInt(obj(input.record.fingerprint).rows);
  if (wsRows !== undefined) lines.push(`- Workspace rows: ${wsRows}`);
  if (m.attempted > 0n && m.solved < m.attempted) lines.push(`- Plan yield: ${m.solved}/${m.attempted} (${fixed1(m.successPct)}%)`);
  lines.push(`- TFBS coverage: ${fixed1(m.coverage)}% (${m.used}/${m.total})`);
  const elapsed = m.elapsed ?? evaluation.durationSeconds ?? undefined;
  if (elapsed !== undefined && elapsed !== null && elapsed > 0 && m.rows > 0n) {
    const rows = Number(m.rows);
    lines.push(`- Session throughput: ${fixed1((rows * 3600) / elapsed)} rows/hour`);
    if (remaining > 0n) lines.push(`- ETA to quota: ${hms(Number(remaining) / (rows / elapsed))}`);
  }
  if (elapsed !== undefined && elapsed !== null) lines.push(`- Runtime: ${hms(elapsed)}`);
  return lines.join('\n');
}

function evaluateRunning(input: PackInput): Evaluation {
  const { state, now, settings } = input;
  const d = block(input);
  const quota = toPyInt(d.run_quota);
  const stepPct = setting(settings.stepPct, quota !== undefined && quota <= 200 ? 25 : 10, 'progress_step_pct', true);
  const minS = setting(settings.minSeconds, 60, 'progress_min_seconds');
  const heartbeatS = setting(settings.heartbeatSeconds, 1800, 'progress_heartbeat_seconds');
  const pct = num(d, 'quota_progress_pct');
  const step = Math.floor(clampPct(pct) / stepPct);
  const lastStep = typeof state.last_step === 'number' ? state.last_step : -1;
  const lastSent = typeof state.last_sent === 'number' ? state.last_sent : undefined;
  const stepTrigger = step > lastStep && !(lastSent !== undefined && now - lastSent < minS);
  const heartbeat = lastSent === undefined || now - lastSent >= heartbeatS;
  if (!stepTrigger && !heartbeat) return { emit: false };
  // dnadesign's signature tuple, its values read in its order (the first missing one is named).
  num(d, 'quota_progress_pct');
  const rows = int(d, 'rows_written_session');
  const attempted = int(d, 'plans_attempted');
  const solved = int(d, 'plans_solved');
  const coverage = num(d, 'tfbs_coverage_pct');
  const signature = JSON.stringify([step, Number(coverage.toFixed(2)), solved, attempted, rows]);
  // A NaN coverage never equals the last one in Python's tuple comparison: no signature suppression.
  if (signature === state.signature && !heartbeat && !Number.isNaN(coverage)) return { emit: false };
  state.last_step = Math.max(lastStep, step);
  state.last_sent = now;
  state.signature = signature;
  return { emit: true };
}

const flushFailed: ToolEventHandler = {
  bucket: null,
  status: () => null,
  evaluate: () => ({ emit: true }),
  message(input) {
    const args = obj(input.record.args);
    const metrics = obj(input.record.metrics);
    const parts = [`densegen_flush_failed on ${datasetName(input.record)}`];
    if (args.error_type !== undefined && args.error_type !== null) parts.push(`error_type=${String(args.error_type)}`);
    if (args.error !== undefined && args.error !== null) parts.push(`error=${String(args.error)}`);
    if (metrics.orphan_artifacts !== undefined && metrics.orphan_artifacts !== null) parts.push(`orphan_artifacts=${String(metrics.orphan_artifacts)}`);
    return parts.join(' | ');
  },
};

export const densegenPack: Record<string, ToolEventHandler> = {
  densegen_health: health,
  densegen_flush_failed: flushFailed,
};
