// Infer pack (reference §5.7): overlay writeback progress (attach, write_overlay_part), feature
// bundle progress/complete, sidecar writes, and materialize as success. Only events whose
// actor.tool is "infer" are affected.
import { clampPct, fixed1, hms, toPyBigInt, toPyFloat, toPyInt } from '../numbers.js';
import { datasetName, obj, PackError, type Evaluation, type PackInput, type ToolEventHandler } from './types.js';

function isInfer(input: PackInput): boolean {
  const tool = obj(input.record.actor).tool;
  return typeof tool === 'string' && tool.toLowerCase() === 'infer';
}

function suppressed(input: PackInput): boolean {
  const args = obj(input.record.args);
  return Boolean(args.infer_notify_suppress) || obj(args.infer_output).kind === 'metadata';
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

function stepSetting(v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < 1 || v > 100) throw new PackError('progress_step_pct must be an integer between 1 and 100');
  return v;
}

function elapsedSinceStart(input: PackInput): number {
  if (typeof input.state.started_at !== 'number') input.state.started_at = input.now;
  return Math.max(0, input.now - (input.state.started_at as number));
}

const FAMILY_ORDER = ['log_likelihood', 'output_layer_mean', 'intermediate_embedding'];

const overlay: ToolEventHandler = {
  bucket: 'infer_overlay',
  status: (input) => (isInfer(input) && !suppressed(input) ? 'running' : null),
  evaluate(input): Evaluation {
    if (!isInfer(input)) return { emit: true };
    if (suppressed(input)) return { emit: false };
    const { state, now, settings } = input;
    const { duration, minS, heartbeatS, since } = throttleTiming(input);
    const progress = obj(obj(input.record.args).infer_progress);
    const args = obj(input.record.args);
    let emit: boolean;
    if (progress.overall_progress_pct === undefined || progress.overall_progress_pct === null) {
      emit = since === undefined || since >= heartbeatS || since >= minS;
    } else {
      const target = toPyInt(progress.overall_target_units);
      const stepPct = stepSetting(settings.stepPct, target !== undefined && target <= 200 ? 25 : 10);
      const pct = toPyFloat(progress.overall_progress_pct) ?? 0;
      const step = Math.floor(clampPct(pct) / stepPct);
      const lastStep = typeof state.last_step === 'number' ? state.last_step : -1;
      const stepTrigger = step > lastStep && !(since !== undefined && since < minS);
      const heartbeat = since === undefined || since >= heartbeatS;
      // Without a step or a heartbeat nothing is sent, whatever the signature: most records of a
      // long writeback stop here, so the signature is built only when it can decide.
      emit = stepTrigger || heartbeat;
      if (emit) {
        const families = Object.keys(obj(progress.family_progress_pct_map)).sort();
        const signature = JSON.stringify([step, obj(args.infer_output).id ?? null, Number((toPyFloat(progress.output_progress_pct) ?? 0).toFixed(1)), args.rows_matched ?? null, families]);
        emit = heartbeat || signature !== state.signature;
        if (emit) {
          state.last_step = Math.max(lastStep, step);
          state.signature = signature;
        }
      }
    }
    if (emit) state.last_sent = now;
    return { emit, durationSeconds: duration };
  },
  message(input, evaluation) {
    if (!isInfer(input) || suppressed(input)) return null;
    const r = input.record;
    const args = obj(r.args);
    const p = obj(args.infer_progress);
    const lines = [`Infer progress | run=${input.runId} | dataset=${datasetName(r)}`];
    const done = toPyInt(p.overall_completed_units);
    const target = toPyInt(p.overall_target_units);
    const both = done !== undefined && target !== undefined && p.overall_completed_units !== null && p.overall_target_units !== null;
    if (p.overall_progress_pct !== undefined && p.overall_progress_pct !== null) {
      lines.push(`- Overall requested outputs: ${fixed1(toPyFloat(p.overall_progress_pct) ?? 0)}%${both ? ` (${done}/${target} units)` : ''}`);
      if (both) {
        const remaining = Math.max(0, target! - done!);
        lines.push(`- Remaining overall units: ${remaining}`);
        const duration = evaluation.durationSeconds ?? 0;
        if (done! > 0 && remaining > 0 && duration > 0) lines.push(`- ETA to overall complete: ${fixed1(((duration / done!) * remaining) / 3600)}h`);
      }
    }
    const map = obj(p.family_progress_pct_map);
    const names = [...FAMILY_ORDER.filter((n) => n in map), ...Object.keys(map).filter((n) => !FAMILY_ORDER.includes(n)).sort()];
    const parts = names.filter((n) => toPyFloat(map[n]) !== undefined).map((n) => `${n === 'log_likelihood' ? 'LL' : n} ${fixed1(toPyFloat(map[n])!)}%`);
    if (parts.length) lines.push(`- Families: ${parts.join(' | ')}`);
    const output = obj(args.infer_output);
    if (output.id === undefined || output.id === null) {
      if (parts.length) lines.push('- Grouped writeback: family percentages reflect persisted rows still missing each family, not per-family GPU compute');
    } else {
      const pct = toPyFloat(p.output_progress_pct);
      const all = pct !== undefined && p.completed_rows !== undefined && p.target_rows !== undefined;
      lines.push(`- Current output: ${String(output.id)}${all ? ` ${fixed1(pct!)}% (${String(p.completed_rows)}/${String(p.target_rows)} rows)` : ''}`);
    }
    if (['rows_incoming', 'rows_matched', 'rows_missing'].some((k) => args[k] !== undefined)) {
      lines.push(`- Chunk rows: incoming=${String(args.rows_incoming ?? 0)} matched=${String(args.rows_matched ?? 0)} missing=${String(args.rows_missing ?? 0)}`);
    }
    const rows = obj(r.fingerprint).rows;
    if (rows !== undefined && rows !== null) lines.push(`- Workspace rows: ${String(rows)}`);
    lines.push(`- Elapsed: ${hms(evaluation.durationSeconds ?? 0)}`);
    return lines.join('\n');
  },
};

const materialize: ToolEventHandler = {
  bucket: null,
  status: (input) => (isInfer(input) ? 'success' : null),
  evaluate: () => ({ emit: true }),
  message: () => null,
};

const sidecarWrite: ToolEventHandler = {
  bucket: null,
  status: (input) => (isInfer(input) ? 'running' : null),
  evaluate: () => ({ emit: true }),
  message(input) {
    if (!isInfer(input)) return null;
    const r = input.record;
    return [
      `Infer feature sidecar write | run=${input.runId} | dataset=${datasetName(r)}`,
      `- Action: ${r.action}`,
      `- Rows written: ${String(obj(r.args).rows_written ?? '')}`,
      // No empty "- Sidecar: " line when the path is falsy (dnadesign leaves it out).
      ...(obj(r.artifacts).path ? [`- Sidecar: ${String(obj(r.artifacts).path)}`] : []),
    ].join('\n');
  },
};

function runElapsed(input: PackInput, duration: number | null | undefined): number | undefined {
  const elapsed = toPyFloat(obj(input.record.args).run_elapsed_seconds) ?? toPyFloat(obj(input.record.metrics).run_elapsed_seconds) ?? duration ?? undefined;
  // Python's max(0.0, elapsed): negative and NaN become 0.
  return elapsed === undefined ? undefined : elapsed > 0 ? elapsed : 0;
}

function count(v: unknown): string {
  return Array.isArray(v) ? String(v.length) : String(v ?? 0);
}

const bundleProgress: ToolEventHandler = {
  bucket: 'infer_bundle',
  status: (input) => (isInfer(input) ? 'running' : null),
  evaluate(input): Evaluation {
    if (!isInfer(input)) return { emit: true };
    const { state, now, settings } = input;
    const { duration, minS, heartbeatS, since } = throttleTiming(input);
    const args = obj(input.record.args);
    let emit: boolean;
    if (args.progress_pct === undefined || args.progress_pct === null) {
      emit = since === undefined || since >= heartbeatS;
    } else {
      const total = toPyInt(args.contexts_total);
      const stepPct = stepSetting(settings.stepPct, total !== undefined && total <= 200 ? 25 : 10);
      const step = Math.floor(clampPct(toPyFloat(args.progress_pct) ?? 0) / stepPct);
      const lastStep = typeof state.last_step === 'number' ? state.last_step : -1;
      emit = since === undefined || (step > lastStep && since >= minS) || since >= heartbeatS;
      if (emit) state.last_step = Math.max(lastStep, step);
    }
    if (emit) state.last_sent = now;
    return { emit, durationSeconds: duration };
  },
  message(input, evaluation) {
    if (!isInfer(input)) return null;
    const r = input.record;
    const a = obj(r.args);
    const pct = toPyFloat(a.progress_pct);
    const lines = [`Infer feature bundle ${pct !== undefined && a.progress_pct !== null ? `${fixed1(pct)}%` : 'progress'} | job=${String(a.job_id ?? 'unknown-job')} | dataset=${datasetName(r)}`];
    if (a.model_id !== undefined) lines.push(`- Model: ${String(a.model_id)}`);
    const elapsed = runElapsed(input, evaluation.durationSeconds);
    const done = toPyBigInt(a.contexts_completed);
    const total = toPyBigInt(a.contexts_total);
    if (done !== undefined && total !== undefined) {
      const passesDone = toPyBigInt(a.unique_forward_passes_completed);
      const passesTotal = toPyBigInt(a.unique_forward_passes_total);
      const fp = passesDone !== undefined && passesTotal !== undefined ? ` | forward passes: ${passesDone}/${passesTotal}` : '';
      lines.push(`- Views this run: ${done}/${total}${fp}`);
      // dnadesign's ETA is the views still to do at the rate views were done (infer.py, the same
      // helper as "ETA to overall complete"); progress_pct never enters it. None without time
      // passed, views done or views left.
      if (elapsed !== undefined && elapsed > 0 && done > 0n && total > done) lines.push(`- ETA: ${hms(Number(total - done) / (Number(done) / elapsed))}`);
    }
    if (a.required_vector_keys !== undefined || a.required_scalar_keys !== undefined) lines.push(`- Sidecar keys: vectors=${count(a.required_vector_keys)} scalars=${count(a.required_scalar_keys)}`);
    if (elapsed !== undefined) lines.push(`- Elapsed: ${hms(elapsed)}`);
    return lines.join('\n');
  },
};

const bundleComplete: ToolEventHandler = {
  bucket: 'infer_bundle',
  status: (input) => (isInfer(input) ? 'success' : null),
  evaluate(input) {
    if (!isInfer(input)) return { emit: true };
    return { emit: true, durationSeconds: elapsedSinceStart(input) };
  },
  message(input, evaluation) {
    if (!isInfer(input)) return null;
    const r = input.record;
    const a = obj(r.args);
    const lines = [`Infer feature bundle complete | job=${String(a.job_id ?? 'unknown-job')} | dataset=${datasetName(r)}`, `- Run: ${input.runId}`];
    if (a.model_id !== undefined) lines.push(`- Model: ${String(a.model_id)}`);
    if (a.contexts_completed !== undefined) lines.push(`- Views: ${String(a.contexts_completed)}`);
    if (a.unique_forward_passes !== undefined) lines.push(`- Forward passes: ${String(a.unique_forward_passes)}`);
    if (a.required_vector_keys !== undefined || a.required_scalar_keys !== undefined) lines.push(`- Sidecar keys: vectors=${count(a.required_vector_keys)} scalars=${count(a.required_scalar_keys)}`);
    const elapsed = runElapsed(input, evaluation.durationSeconds);
    if (elapsed !== undefined) lines.push(`- Duration: ${hms(elapsed)}`);
    return lines.join('\n');
  },
};

export const inferPack: Record<string, ToolEventHandler> = {
  attach: overlay,
  write_overlay_part: overlay,
  materialize,
  infer_feature_aliases_write: sidecarWrite,
  infer_feature_vectors_write: sidecarWrite,
  infer_feature_scalar_aliases_write: sidecarWrite,
  infer_feature_scalars_write: sidecarWrite,
  infer_feature_bundle_progress: bundleProgress,
  infer_feature_bundle_complete: bundleComplete,
};

/** The progress throttle's clock: time since the run started, the limits, and since the last message. */
function throttleTiming(input: PackInput): { duration: number; minS: number; heartbeatS: number; since: number | undefined } {
  const lastSent = typeof input.state.last_sent === 'number' ? input.state.last_sent : undefined;
  return {
    duration: elapsedSinceStart(input),
    minS: positive(input.settings.minSeconds, 60),
    heartbeatS: positive(input.settings.heartbeatSeconds, 1800),
    since: lastSent === undefined ? undefined : input.now - lastSent,
  };
}
