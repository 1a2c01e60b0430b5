// The action's reader of a USR `.events.log` artifact: the watcher's parse, validation, packs and
// event ids, without a follower.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../src/core/errors.js';
import { eventsFromUsrLog } from '../../src/sources/usr-events/from-text.js';
import { runWatch, type WatchSettings } from '../../src/watch/run.js';
import { openTestHerald } from '../support/herald.js';
import { densegenHealth, goldenStream, usrLine } from '../support/usr-log.js';

const NOW = 1_790_000_000;

test('the golden stream: statuses, messages, labels and severities as the watcher maps them', () => {
  const events = eventsFromUsrLog(goldenStream(), 'e.log', NOW);
  assert.deepEqual(events.map((e) => [e.kind, e.labels.status]), [
    ['init', 'started'],
    ['densegen_health', 'started'],
    ['import_rows', 'running'],
    ['write_overlay_part', 'running'],
    ['densegen_health', 'running'],
  ]);
  assert.equal(events[0]!.title, 'init on densegen/demo_tfbs');
  assert.equal(events[2]!.title, 'import_rows on densegen/demo_tfbs (rows_written=12)');
  assert.equal(events[4]!.title, 'DenseGen progress | run=4412907.0 | dataset=densegen/demo_tfbs');
  assert.match(events[4]!.body, /^- Quota \(run session\): 10\.0% \(12\/120 rows\)\n/);
  assert.deepEqual(events[0]!.labels, { status: 'started', tool: 'densegen', run: '4412907.0', dataset: 'densegen/demo_tfbs', host: 'scc-xa1' });
  assert.equal(events[0]!.timestamp, Date.parse('2026-08-21T14:00:01Z') / 1000 + 0.204311);
  assert.equal(events[0]!.run_id, '4412907.0');
  const failed = eventsFromUsrLog(usrLine({ action: 'densegen_flush_failed' }), 'e.log', NOW);
  assert.equal(failed[0]!.severity, 'error');
});

test('event ids are the watcher\'s, so both paths dedup against each other', async () => {
  const text = goldenStream() + usrLine({ action: 'densegen_flush_failed', metrics: { gc: 0.5 } }, { nan: ['gc'] });
  const herald = await openTestHerald('notifications:\n  sinks: [{id: c, kind: console}]\n');
  const dir = await mkdtemp(join(tmpdir(), 'herald-usr-ft-'));
  await writeFile(join(dir, 'e.log'), text);
  const out: string[] = [];
  const settings: WatchSettings = {
    eventsPath: join(dir, 'e.log'), follow: false, waitForEvents: false, pollMs: 20, stopOnTerminal: false, onTruncate: 'error',
    onlyActions: [], onlyTools: [], progress: {}, onInvalid: 'error', allowUnknownVersion: false,
    include: { includeArgs: false, includeContext: false, includeRawEvent: false }, dryRun: true, advanceCursorOnDryRun: false, failFast: false, pipeline: herald, fanOut: true,
  };
  await runWatch(settings, { out: (l) => out.push(...l.split('\n')), warn: () => undefined, sleep: async () => undefined, nowMs: () => NOW * 1000 });
  const watcherIds = out.map((l) => (JSON.parse(l) as { event_id: string }).event_id);
  const ids = eventsFromUsrLog(text, 'e.log', NOW).map((e) => e.event_id);
  assert.equal(ids.length, 6);
  assert.deepEqual(ids, watcherIds);
  assert.equal(new Set(ids).size, 6);
  // CRLF line ends and surrounding blanks do not change an id.
  assert.deepEqual(eventsFromUsrLog(text.replace(/\n/g, '\r\n'), 'e.log', NOW).map((e) => e.event_id), ids);
});

test('an invalid line is refused with file:line (dnadesign default: error); skip mode warns and goes on', () => {
  const text = usrLine({ action: 'init' }) + '\n{"event_version":1,"action":"x",}\n' + usrLine({ action: 'import_rows' });
  assert.throws(() => eventsFromUsrLog(text, 'logs/e.log', NOW), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /^logs\/e\.log:3: event line is not valid JSON: Expecting property name enclosed in double quotes/);
    return true;
  });
  const warnings: string[] = [];
  const events = eventsFromUsrLog(text, 'logs/e.log', NOW, { onInvalid: 'skip', warn: (m) => warnings.push(m) });
  assert.deepEqual(events.map((e) => e.kind), ['init', 'import_rows']);
  assert.deepEqual(warnings, ['logs/e.log:3: Skipping invalid event line: event line is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 33 (char 32)']);
  assert.throws(() => eventsFromUsrLog(usrLine({ action: 'init', event_version: 2 }), 'e.log', NOW), /e\.log:1: unknown event_version=2; expected 1/);
  assert.throws(() => eventsFromUsrLog(usrLine({ action: 'init', actor: { tool: 'densegen' } }), 'e.log', NOW), /e\.log:1: event missing actor\.run_id/);
  // A densegen_health without metrics.densegen fails the pack's validation: invalid too.
  assert.throws(() => eventsFromUsrLog(usrLine({ action: 'densegen_health', args: { status: 'running' } }), 'e.log', NOW), /e\.log:1: .*densegen/);
});

test('an incomplete last line is left out with a warning, as the watcher never consumes one', () => {
  const warnings: string[] = [];
  const events = eventsFromUsrLog(usrLine({ action: 'init' }) + '{"event_version":1,"act', 'e.log', NOW, { warn: (m) => warnings.push(m) });
  assert.equal(events.length, 1);
  assert.deepEqual(warnings, ['e.log:2: ignoring an incomplete last line (no newline)']);
});

test('pack throttling is kept across the file: a repeated "started" is sent once', () => {
  const d = { tfbs_total_library: 80, tfbs_unique_used: 0, tfbs_coverage_pct: 0, plans_attempted: 0, plans_solved: 0, rows_written_session: 0, run_quota: 120, quota_progress_pct: 0, run_elapsed_seconds: 1 };
  const text = densegenHealth('started', '2026-08-21T14:00:00Z', d) + densegenHealth('started', '2026-08-21T14:00:05Z', d) + densegenHealth('completed', '2026-08-21T14:10:00Z', { ...d, rows_written_session: 120, quota_progress_pct: 100 });
  const events = eventsFromUsrLog(text, 'e.log', NOW);
  assert.deepEqual(events.map((e) => e.labels.status), ['started', 'success']);
});
