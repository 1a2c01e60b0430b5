// dnadesign rendering residue (issue 13 #11, #12): what dnadesign prints for a null, NaN or huge
// rows_written, an infer sidecar write without a path, and a first bundle-progress event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWatch, type WatchSettings } from '../../src/watch/run.js';
import { usrLine } from '../support/usr-log.js';

async function messages(text: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-residue-'));
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

test('rows_written: null is left out; NaN prints nan; an integer beyond 2^53 prints exactly', async () => {
  const lines = usrLine({ action: 'import_rows', metrics: { rows_written: null } })
    + usrLine({ action: 'import_rows', metrics: { rows_written: 1 } }, { nan: ['rows_written'] })
    + usrLine({ action: 'import_rows', metrics: { rows_written: 1 } }).replace('"rows_written":1', '"rows_written":12345678901234567891')
    + usrLine({ action: 'import_rows', metrics: { rows_written: 1 } }).replace('"rows_written":1', '"rows_written":Infinity');
  assert.deepEqual(await messages(lines), [
    'import_rows on densegen/demo_tfbs',
    'import_rows on densegen/demo_tfbs (rows_written=nan)',
    'import_rows on densegen/demo_tfbs (rows_written=12345678901234567891)',
    'import_rows on densegen/demo_tfbs (rows_written=inf)',
  ]);
});

const INFER = { tool: 'infer', run_id: 'job-7', host: 'scc-xa1', pid: 1 };

test('an infer sidecar write without artifacts.path has no empty "- Sidecar: " line', async () => {
  const [message] = await messages(usrLine({ action: 'infer_feature_vectors_write', actor: INFER, args: { rows_written: 3 }, artifacts: {} }));
  assert.equal(message, 'Infer feature sidecar write | run=job-7 | dataset=densegen/demo_tfbs\n- Action: infer_feature_vectors_write\n- Rows written: 3');
});

test('the first bundle-progress event has no ETA (no time has passed)', async () => {
  const [message] = await messages(usrLine({ action: 'infer_feature_bundle_progress', actor: INFER, args: { progress_pct: 10, job_id: 'j1', model_id: 'evo2_7b' } }));
  assert.doesNotMatch(message!, /ETA/);
  assert.match(message!, /^Infer feature bundle 10\.0% \| job=j1/);
});

test('a non-string actor.tool (7) is delivered as written; 0 is missing, as Python\'s `not tool`', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'herald-residue-'));
  await writeFile(join(dir, 'e.log'), usrLine({ action: 'init', actor: { tool: 7, run_id: 'r1' } }));
  const out: string[] = [];
  const settings: WatchSettings = {
    eventsPath: join(dir, 'e.log'), follow: false, waitForEvents: false, pollMs: 20, stopOnTerminal: false, onTruncate: 'error',
    onlyActions: [], onlyTools: [], progress: {}, onInvalid: 'error', allowUnknownVersion: false,
    include: { includeArgs: false, includeContext: false, includeRawEvent: false }, provider: 'generic', dryRun: true, advanceCursorOnDryRun: false, failFast: false,
  };
  await runWatch(settings, { out: (l) => out.push(l), warn: () => undefined, sleep: async () => undefined, nowMs: () => 0 });
  assert.match(out[0]!, /"tool": 7, "version": "0.1.0"\}$/);
  await writeFile(join(dir, 'e.log'), usrLine({ action: 'init', actor: { tool: 0, run_id: 'r1' } }));
  await assert.rejects(runWatch(settings, { out: () => undefined, warn: () => undefined, sleep: async () => undefined, nowMs: () => 0 }), /event missing actor\.tool/);
});
