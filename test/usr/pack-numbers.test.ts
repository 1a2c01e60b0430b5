// Tool-event pack numbers as dnadesign reads them (issue 13 #11, #12): Python's float() lets NaN
// through (so a densegen_health record with a NaN quota fails on the next missing metric, as in
// dnadesign), counts beyond 2^53 print exactly (Python ints), and the feature-bundle ETA comes from
// the views done and left, never from progress_pct (reference/usr-events-and-profiles.md §5.7;
// dnadesign's notify/tool_events/infer.py computes it with the "ETA to overall complete" helper).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWatch, type WatchSettings } from '../../src/watch/run.js';
import { densegenHealth, usrLine } from '../support/usr-log.js';

async function messages(text: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-pack-numbers-'));
  await writeFile(join(dir, 'e.log'), text);
  const out: string[] = [];
  const settings: WatchSettings = {
    eventsPath: join(dir, 'e.log'), follow: false, waitForEvents: false, pollMs: 20, stopOnTerminal: false, onTruncate: 'error',
    onlyActions: [], onlyTools: [], progress: {}, onInvalid: 'error', allowUnknownVersion: false,
    include: { includeArgs: false, includeContext: false, includeRawEvent: false }, provider: 'generic', dryRun: true, advanceCursorOnDryRun: false, failFast: false,
  };
  await runWatch(settings, { out: (l) => out.push(...l.split('\n')), warn: () => undefined, sleep: async () => undefined, nowMs: () => Date.UTC(2026, 7, 21, 15) });
  return out.map((l) => (JSON.parse(l) as { message: string }).message);
}

const TS = '2026-08-21T14:01:04.000000Z';
const RUNNING = { tfbs_total_library: 80, tfbs_unique_used: 20, tfbs_coverage_pct: 25, plans_attempted: 14, plans_solved: 12, rows_written_session: 12, run_quota: 120, quota_progress_pct: 10, run_elapsed_seconds: 60.9 };

test('densegen_health running with a NaN quota_progress_pct and no plans_attempted: dnadesign\'s "plans_attempted must be an integer"', async () => {
  const { plans_attempted: _, ...withoutAttempted } = RUNNING;
  const line = densegenHealth('running', TS, withoutAttempted).replace('"quota_progress_pct":10.0', '"quota_progress_pct":NaN');
  assert.match(line, /"quota_progress_pct":NaN/);
  await assert.rejects(messages(line), (error: Error) => {
    assert.match(error.message, /densegen_health metrics\.densegen\.plans_attempted must be an integer$/);
    assert.doesNotMatch(error.message, /quota_progress_pct/);
    return true;
  });
});

test('with every metric present, a NaN quota prints nan% and counts as 100% for the step, as Python\'s min/max', async () => {
  const nan = densegenHealth('running', TS, RUNNING).replace('"quota_progress_pct":10.0', '"quota_progress_pct":NaN');
  // 30% two minutes later: step 1 is below the NaN event's step 4, so only a heartbeat would send it.
  const later = densegenHealth('running', '2026-08-21T14:03:04.000000Z', { ...RUNNING, quota_progress_pct: 30, rows_written_session: 36 });
  const sent = await messages(nan + later);
  assert.equal(sent.length, 1);
  assert.match(sent[0]!, /^DenseGen progress \| run=4412907\.0 \| dataset=densegen\/demo_tfbs\n- Quota \(run session\): nan% \(12\/120 rows\)\n/);
});

test('DenseGen counts beyond 2^53 print exactly, and the remaining rows are subtracted exactly', async () => {
  const line = densegenHealth('running', TS, { ...RUNNING, rows_written_session: 111111, run_quota: 222222, plans_attempted: 333333, plans_solved: 111111, quota_progress_pct: 50, run_elapsed_seconds: 3600 }, {}, 111111)
    .replaceAll(':111111', ':9007199254740993')
    .replace(':222222', ':18014398509481985')
    .replace(':333333', ':9007199254740995');
  const [message] = await messages(line);
  // What dnadesign's _densegen_health_message prints for this record (CPython 3.12).
  assert.equal(
    message,
    'DenseGen progress | run=4412907.0 | dataset=densegen/demo_tfbs\n- Quota (run session): 50.0% (9007199254740993/18014398509481985 rows)\n- Remaining to quota: 9007199254740992 rows\n- Workspace rows: 9007199254740993\n- Plan yield: 9007199254740993/9007199254740995 (100.0%)\n- TFBS coverage: 25.0% (20/80)\n- Session throughput: 9007199254740992.0 rows/hour\n- ETA to quota: 01:00:00\n- Runtime: 01:00:00',
  );
  const started = densegenHealth('started', TS, { ...RUNNING, run_quota: 222222 }).replace(':222222', ':18014398509481985');
  assert.equal((await messages(started))[0], 'DenseGen started | run=4412907.0 | dataset=densegen/demo_tfbs\n- Quota target: 18014398509481985 rows');
});

const INFER = { tool: 'infer', run_id: 'job-7', host: 'scc-xa1', pid: 1 };
const bundle = (args: Record<string, unknown>) =>
  usrLine({ action: 'infer_feature_bundle_progress', actor: INFER, args: { job_id: 'j1', model_id: 'evo2_7b', required_vector_keys: 2, required_scalar_keys: 3, ...args } });

test('bundle progress: 50 of 100 views in 30 minutes gives "ETA: 00:30:00" (the reference\'s case)', async () => {
  const [message] = await messages(bundle({ progress_pct: 50, contexts_completed: 50, contexts_total: 100, unique_forward_passes_completed: 200, unique_forward_passes_total: 400, run_elapsed_seconds: 1800 }));
  assert.equal(message, 'Infer feature bundle 50.0% | job=j1 | dataset=densegen/demo_tfbs\n- Model: evo2_7b\n- Views this run: 50/100 | forward passes: 200/400\n- ETA: 00:30:00\n- Sidecar keys: vectors=2 scalars=3\n- Elapsed: 00:30:00');
});

test('bundle progress: the ETA follows the views, not progress_pct; none without views counted, done or left', async () => {
  // progress_pct 10 would say 4.5 hours; 50 of 100 views in 30 minutes say 30 minutes.
  const [fromViews] = await messages(bundle({ progress_pct: 10, contexts_completed: 50, contexts_total: 100, run_elapsed_seconds: 1800 }));
  assert.match(fromViews!, /\n- ETA: 00:30:00\n/);
  for (const args of [
    { progress_pct: 10, run_elapsed_seconds: 1800 },
    { progress_pct: 0, contexts_completed: 0, contexts_total: 100, run_elapsed_seconds: 1800 },
    { progress_pct: 100, contexts_completed: 100, contexts_total: 100, run_elapsed_seconds: 1800 },
    { progress_pct: 50, contexts_completed: 50, contexts_total: 100, run_elapsed_seconds: 0 },
  ]) {
    const [message] = await messages(bundle(args));
    assert.doesNotMatch(message!, /ETA/, JSON.stringify(args));
  }
});
