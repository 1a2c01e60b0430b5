// A realistic USR `.events.log` for volume tests and benchmarks: what one dataset's log holds after
// DenseGen runs filled it and an Infer pass scored it, record shapes as `usrLine` writes them
// (reference §1.2, §1.5, §1.6, §5.7), no padding. Each block of 200 records is one DenseGen run
// (init; health started; 40 flush cycles of import_rows + write_overlay_part + health running, one
// import replaced by densegen_flush_failed; health completed) followed by one Infer pass (attach, 75
// write_overlay_part with infer_progress, materialize). Two running-health records per block (1% of
// lines) carry Python's bare `NaN`, `Infinity` or `-Infinity` in a float metric, as `json.dumps`
// writes them (reference §1.3 names compression_ratio, gc_total and gc_core).
import { usrLine } from './usr-log.js';

export const RUN_BLOCK_RECORDS = 200;
/** Actions that occur twice per block: `--only-actions` with these selects 1% of the records. */
export const ONE_PERCENT_ACTIONS = ['init', 'materialize'];

const DATASET = { name: 'densegen/demo_tfbs', root: '/projectnb/lab/usr/datasets' };
const CYCLES = 40;
const INFER_WRITES = 75;
const ROWS_PER_FLUSH = 12;
const QUOTA = ROWS_PER_FLUSH * CYCLES;
const INFER_TARGET = 5000;
const BLOCK_MS = 4 * 3600_000;
const EPOCH_MS = Date.UTC(2026, 7, 21, 14);

function timestamp(ms: number, micros: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '.' + String(micros % 1_000_000).padStart(6, '0') + 'Z';
}

const floats = ['quota_progress_pct', 'tfbs_coverage_pct', 'compression_ratio', 'gc_total', 'gc_core', 'solver_solve_time_s', 'run_elapsed_seconds', 'output_progress_pct', 'family_progress_pct', 'overall_progress_pct'];

function densegenActor(block: number) {
  return { tool: 'densegen', run_id: `${4412907 + block}.0`, host: `scc-xa${1 + (block % 8)}`, pid: 21873 + block };
}

function inferActor(block: number) {
  return { tool: 'infer', run_id: `infer-llr_7b-${block}`, host: 'scc-c07', pid: 5512 + block };
}

function fingerprint(rows: number) {
  return { rows, cols: 5, size_bytes: 2311 + rows * 176 };
}

function health(block: number, status: string, cycle: number, ms: number, nonFinite?: 'NaN' | 'Infinity' | '-Infinity'): string {
  const rows = cycle * ROWS_PER_FLUSH;
  const pct = Math.round((rows / QUOTA) * 1000) / 10;
  const used = Math.min(80, cycle * 2);
  const elapsed = Math.round(cycle * 30.4 * 100) / 100 + 0.41;
  const densegen = { tfbs_total_library: 80, tfbs_unique_used: used, tfbs_coverage_pct: (used / 80) * 100, plans_attempted: cycle + Math.floor(cycle / 6), plans_solved: cycle, rows_written_session: rows, run_quota: QUOTA, quota_progress_pct: pct, run_elapsed_seconds: elapsed };
  let line = usrLine(
    {
      action: 'densegen_health',
      timestamp: timestamp(ms, 880102 + cycle),
      dataset: DATASET,
      args: { status, namespace: 'densegen', run_id: densegenActor(block).run_id, plan: 'demo_plan', input_name: 'pool_a', sampling_library_index: cycle % 4, sampling_library_hash: '5f1c0a', solver_status: status === 'started' ? null : 'optimal' },
      metrics: { rows_incoming_flush: ROWS_PER_FLUSH, rows_written_flush: ROWS_PER_FLUSH, rows_incoming_session: rows, rows_written_session: rows, flush_count: cycle, run_quota: QUOTA, quota_progress_pct: pct, compression_ratio: 1.13, gc_total: 0.47, gc_core: 0.51, library_unique_tf_count: 12, library_unique_tfbs_count: 80, solver_solve_time_s: 0.8, run_elapsed_seconds: elapsed, densegen },
      artifacts: { overlay: { namespace: 'densegen', status } },
      fingerprint: fingerprint(block * QUOTA + rows),
      registry_hash: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
      actor: densegenActor(block),
    },
    { floats },
  );
  if (nonFinite) {
    const key = nonFinite === 'NaN' ? 'compression_ratio' : nonFinite === 'Infinity' ? 'gc_total' : 'gc_core';
    line = line.replace(new RegExp(`"${key}":[-\\d.]+`), `"${key}":${nonFinite}`);
  }
  return line;
}

function densegenWrite(block: number, action: 'import_rows' | 'write_overlay_part' | 'densegen_flush_failed', cycle: number, ms: number): string {
  const actor = densegenActor(block);
  const rows = block * QUOTA + cycle * ROWS_PER_FLUSH;
  const common = { timestamp: timestamp(ms, 117250 + cycle), dataset: DATASET, actor, registry_hash: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb' };
  if (action === 'import_rows') {
    return usrLine({ ...common, action, args: { n: ROWS_PER_FLUSH, source_param: '', on_conflict: 'error' }, metrics: { rows_written: ROWS_PER_FLUSH, rows_skipped: 0 }, artifacts: { base: {} }, fingerprint: fingerprint(rows) });
  }
  if (action === 'densegen_flush_failed') {
    return usrLine({ ...common, action, args: { namespace: 'densegen', run_id: actor.run_id, rows_incoming: ROWS_PER_FLUSH, rows_new: ROWS_PER_FLUSH, error_type: 'OSError', error: '[Errno 122] Disk quota exceeded' }, metrics: { rows_incoming: ROWS_PER_FLUSH, rows_new: ROWS_PER_FLUSH, orphan_artifacts: 2 }, fingerprint: fingerprint(rows - ROWS_PER_FLUSH) });
  }
  return usrLine({ ...common, action, args: { namespace: 'densegen', key: 'id', columns: ['densegen__plan', 'densegen__run_id'], rows_incoming: ROWS_PER_FLUSH, rows_matched: ROWS_PER_FLUSH, rows_written: ROWS_PER_FLUSH, rows_missing: 0, allow_missing: false }, metrics: { rows_incoming: ROWS_PER_FLUSH, rows_written: ROWS_PER_FLUSH, rows_missing: 0 }, artifacts: { overlay: { namespace: 'densegen', key: 'id' } }, fingerprint: fingerprint(rows) });
}

function inferWrite(block: number, action: 'attach' | 'write_overlay_part', step: number, ms: number): string {
  const completed = Math.min(INFER_TARGET, step * 68);
  const pct = Math.round((completed / INFER_TARGET) * 1000) / 10;
  const overall = Math.round((completed / (2 * INFER_TARGET)) * 1000) / 10;
  const infer_progress = { target_rows: INFER_TARGET, completed_rows: completed, output_progress_pct: pct, family_target_units: INFER_TARGET, family_completed_units: completed, family_progress_pct: pct, family_progress_pct_map: { log_likelihood: pct, output_layer_mean: 0 }, overall_target_units: 2 * INFER_TARGET, overall_completed_units: completed, overall_progress_pct: overall };
  const infer_output = { id: 'log_likelihood__total', family: 'log_likelihood', kind: 'feature', reduction: 'total' };
  const base = { namespace: 'infer', key: 'id', rows_incoming: 68, rows_matched: 68 };
  const args = action === 'attach'
    ? { ...base, rows_missing: 0, allow_overwrite: false, note: 'infer writeback', infer_output, infer_progress }
    : { ...base, columns: ['infer__log_likelihood__total'], rows_written: 68, rows_missing: 0, allow_missing: false, infer_output, infer_progress };
  return usrLine(
    {
      action,
      timestamp: timestamp(ms, 1 + step),
      dataset: DATASET,
      args,
      metrics: action === 'attach' ? { rows_incoming: 68, rows_matched: 68, rows_missing: 0 } : { rows_incoming: 68, rows_written: 68, rows_missing: 0 },
      artifacts: { overlay: { namespace: 'infer', key: 'id' } },
      fingerprint: fingerprint((block + 1) * QUOTA),
      registry_hash: '3e23a1f0c9d44b7e8a15f0d2c6b9e7a1d3f5c8b0e2a4d6f8c0b2e4a6d8f0c009d',
      actor: inferActor(block),
    },
    { floats },
  );
}

/** Record `index` of a realistic log (0-based); deterministic, every timestamp distinct. */
export function realisticRunLine(index: number): string {
  const block = Math.floor(index / RUN_BLOCK_RECORDS);
  const at = index % RUN_BLOCK_RECORDS;
  const start = EPOCH_MS + block * BLOCK_MS;
  if (at === 0) {
    return usrLine({ action: 'init', timestamp: timestamp(start, 204311), dataset: DATASET, args: { source: 'densegen' }, metrics: { rows: 0 }, artifacts: { overlays: [] }, fingerprint: fingerprint(block * QUOTA), actor: densegenActor(block) });
  }
  if (at === 1) return health(block, 'started', 0, start + 1000);
  if (at < 2 + 3 * CYCLES) {
    const cycle = Math.floor((at - 2) / 3) + 1;
    const ms = start + cycle * 30_000 + ((at - 2) % 3) * 300;
    switch ((at - 2) % 3) {
      case 0: return densegenWrite(block, cycle === 20 ? 'densegen_flush_failed' : 'import_rows', cycle, ms);
      case 1: return densegenWrite(block, 'write_overlay_part', cycle, ms);
      default: {
        const nonFinite = cycle === 13 ? 'NaN' : cycle === 29 ? (block % 2 ? '-Infinity' : 'Infinity') : undefined;
        return health(block, 'running', cycle, ms, nonFinite);
      }
    }
  }
  const denseEnd = start + (CYCLES + 1) * 30_000;
  if (at === 2 + 3 * CYCLES) return health(block, 'completed', CYCLES, denseEnd);
  const inferStep = at - (3 + 3 * CYCLES);
  if (inferStep === 0) return inferWrite(block, 'attach', 1, denseEnd + 60_000);
  if (inferStep <= INFER_WRITES) return inferWrite(block, 'write_overlay_part', inferStep + 1, denseEnd + 60_000 + inferStep * 20_000);
  return usrLine({ action: 'materialize', timestamp: timestamp(denseEnd + 60_000 + (INFER_WRITES + 1) * 20_000, 1), dataset: DATASET, args: { namespaces: ['infer'], drop_overlays: false, archive_overlays: true, drop_deleted: false, overlays: ['infer'], tombstone: false, maintenance_reason: null }, metrics: { overlays: 1, rows: (block + 1) * QUOTA }, artifacts: { overlays: [] }, fingerprint: fingerprint((block + 1) * QUOTA), registry_hash: '3e23a1f0c9d44b7e8a15f0d2c6b9e7a1d3f5c8b0e2a4d6f8c0b2e4a6d8f0c009d', actor: inferActor(block) });
}

/** The first `records` lines of a realistic log, joined. */
export function realisticRunLog(records: number): string {
  let text = '';
  for (let i = 0; i < records; i++) text += realisticRunLine(i);
  return text;
}
