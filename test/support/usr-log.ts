// Generates USR `.events.log` content in the exact shape the Python writer produces (reference
// §1.2, §1.6): compact JSON, keys in writer order, NaN tokens where asked, one record per line.
export const DATASET = { name: 'densegen/demo_tfbs', root: '/projectnb/lab/usr/datasets' };
export const ACTOR = { tool: 'densegen', run_id: '4412907.0', host: 'scc-xa1', pid: 21873 };
export const FINGERPRINT0 = { rows: 0, cols: 5, size_bytes: 2311 };

export interface RecordInput {
  action: string;
  timestamp?: string;
  dataset?: unknown;
  args?: unknown;
  metrics?: unknown;
  artifacts?: unknown;
  fingerprint?: unknown;
  actor?: unknown;
  registry_hash?: string | null;
  event_version?: unknown;
}

/** One line (with "\n"). `floats` lists metric keys to print with a ".0" like Python. */
export function usrLine(input: RecordInput, options: { floats?: string[]; nan?: string[] } = {}): string {
  const record = {
    event_version: input.event_version ?? 1,
    timestamp_utc: input.timestamp ?? '2026-08-21T14:00:01.204311Z',
    action: input.action,
    dataset: input.dataset ?? DATASET,
    args: input.args ?? {},
    metrics: input.metrics ?? {},
    artifacts: input.artifacts ?? {},
    maintenance: {},
    fingerprint: input.fingerprint ?? FINGERPRINT0,
    registry_hash: input.registry_hash === undefined ? 'ca97…48bb' : input.registry_hash,
    actor: input.actor ?? ACTOR,
    version: '0.1.0',
  };
  let text = JSON.stringify(record).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  for (const key of options.floats ?? []) text = text.replace(new RegExp(`"${key}":(-?\\d+)(?=[,}])`, 'g'), `"${key}":$1.0`);
  for (const key of options.nan ?? []) text = text.replace(new RegExp(`"${key}":(-?[\\d.]+)`, 'g'), `"${key}":NaN`);
  return text + '\n';
}

const DG_FLOATS = ['quota_progress_pct', 'tfbs_coverage_pct'];

export function densegenHealth(status: string, ts: string, d: Record<string, number>, extraArgs: Record<string, unknown> = {}, fingerprintRows = 12): string {
  return usrLine(
    {
      action: 'densegen_health',
      timestamp: ts,
      args: { status, namespace: 'densegen', run_id: ACTOR.run_id, plan: 'demo_plan', input_name: 'pool_a', ...extraArgs },
      metrics: { densegen: d },
      artifacts: { overlay: { namespace: 'densegen', status } },
      fingerprint: { rows: fingerprintRows, cols: 5, size_bytes: 4410 },
    },
    { floats: DG_FLOATS },
  );
}

/** The §1.6 example stream (five records). */
export function goldenStream(): string {
  return [
    usrLine({ action: 'init', timestamp: '2026-08-21T14:00:01.204311Z', args: { source: 'densegen' }, metrics: { rows: 0 }, artifacts: { overlays: [] } }),
    densegenHealth('started', '2026-08-21T14:00:02.880102Z', { tfbs_total_library: 80, tfbs_unique_used: 0, tfbs_coverage_pct: 0, plans_attempted: 0, plans_solved: 0, rows_written_session: 0, run_quota: 120, quota_progress_pct: 0, run_elapsed_seconds: 0.41 }, { sampling_library_index: 0, solver_status: null }, 0),
    usrLine({ action: 'import_rows', timestamp: '2026-08-21T14:01:03.117250Z', args: { n: 12, source_param: '', on_conflict: 'error' }, metrics: { rows_written: 12, rows_skipped: 0 }, artifacts: { base: {} }, fingerprint: { rows: 12, cols: 5, size_bytes: 4410 } }),
    usrLine({ action: 'write_overlay_part', timestamp: '2026-08-21T14:01:03.402981Z', args: { namespace: 'densegen', key: 'id', columns: ['densegen__plan', 'densegen__run_id'], rows_incoming: 12, rows_matched: 12, rows_written: 12, rows_missing: 0, allow_missing: false }, metrics: { rows_incoming: 12, rows_written: 12, rows_missing: 0 }, artifacts: { overlay: { namespace: 'densegen', key: 'id' } }, fingerprint: { rows: 12, cols: 5, size_bytes: 4410 } }),
    densegenHealth('running', '2026-08-21T14:01:04.000000Z', { tfbs_total_library: 80, tfbs_unique_used: 20, tfbs_coverage_pct: 25, plans_attempted: 14, plans_solved: 12, rows_written_session: 12, run_quota: 120, quota_progress_pct: 10, run_elapsed_seconds: 60.9 }),
  ].join('');
}

const INFER_ACTOR = { tool: 'infer', run_id: 'infer-llr_7b', host: 'scc-c07', pid: 5512 };

export function inferOverlay(ts: string, completed: number, extra: Record<string, unknown> = {}): string {
  const pct = Math.round((completed / 5000) * 1000) / 10;
  const overall = Math.round((completed / 10000) * 1000) / 10;
  return usrLine({
    action: 'write_overlay_part',
    timestamp: ts,
    dataset: { name: 'promoters_v3', root: '/projectnb/lab/usr/datasets' },
    args: {
      namespace: 'infer', key: 'id', columns: ['infer__log_likelihood__total'], rows_incoming: 256, rows_matched: 256, rows_written: 256, rows_missing: 0, allow_missing: false,
      infer_output: { id: 'log_likelihood__total', family: 'log_likelihood', kind: 'feature', reduction: 'total' },
      infer_progress: { target_rows: 5000, completed_rows: completed, output_progress_pct: pct, family_target_units: 5000, family_completed_units: completed, family_progress_pct: pct, family_progress_pct_map: { log_likelihood: pct, output_layer_mean: 0 }, overall_target_units: 10000, overall_completed_units: completed, overall_progress_pct: overall },
      ...extra,
    },
    metrics: { rows_incoming: 256, rows_written: 256, rows_missing: 0 },
    artifacts: { overlay: { namespace: 'infer', key: 'id' } },
    fingerprint: { rows: 5000, cols: 5, size_bytes: 812344 },
    registry_hash: '3e23…c009d',
    actor: INFER_ACTOR,
  });
}

export function inferStream(): string {
  return [
    inferOverlay('2026-08-21T15:00:00.000001Z', 256),
    inferOverlay('2026-08-21T15:20:00.000001Z', 2560),
    usrLine({ action: 'materialize', timestamp: '2026-08-21T15:30:00.000001Z', dataset: { name: 'promoters_v3', root: '/projectnb/lab/usr/datasets' }, metrics: { overlays: 1, rows: 5000 }, artifacts: { overlays: [] }, actor: INFER_ACTOR }),
  ].join('');
}

/** A synthetic record of ~`bytes` bytes for volume tests; `i` makes each one unique. */
export function bulkLine(i: number, action: string, padBytes = 300): string {
  return usrLine({
    action,
    timestamp: new Date(Date.UTC(2026, 7, 21, 14) + i * 1000).toISOString().replace('Z', '000Z'),
    args: { n: i, note: 'x'.repeat(padBytes) },
    metrics: { rows_written: i, rows_skipped: 0 },
    artifacts: { base: {} },
    fingerprint: { rows: i, cols: 5, size_bytes: 4410 + i },
  });
}
