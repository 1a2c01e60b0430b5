// Golden dry-run lines for the §1.6 stream, pinned from reference §5.9 (generic, slack with
// --include-context) and §5.5 (discord), byte for byte: sorted keys, ", "/": " separators and
// ASCII escapes as Python's json.dumps writes them. The reference prints the elided registry hash
// "ca97…48bb" raw; ensure_ascii writes it as \u2026, as here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWatch, type WatchSettings } from '../../src/watch/run.js';
import { goldenStream, inferStream } from '../support/usr-log.js';

async function dryRun(text: string, extra: Partial<WatchSettings>): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-golden-'));
  await writeFile(join(dir, 'e.log'), text);
  const out: string[] = [];
  const settings: WatchSettings = {
    eventsPath: join(dir, 'e.log'), follow: false, waitForEvents: false, pollMs: 20, stopOnTerminal: false, onTruncate: 'error',
    onlyActions: [], onlyTools: [], progress: {}, onInvalid: 'error', allowUnknownVersion: false,
    include: { includeArgs: false, includeContext: false, includeRawEvent: false }, provider: 'generic', dryRun: true, advanceCursorOnDryRun: false, failFast: false, ...extra,
  };
  await runWatch(settings, { out: (l) => out.push(...l.split('\n')), warn: () => undefined, sleep: async () => undefined, nowMs: () => Date.UTC(2026, 7, 21, 15) });
  return out;
}

const PROGRESS = 'DenseGen progress | run=4412907.0 | dataset=densegen/demo_tfbs\n- Quota (run session): 10.0% (12/120 rows)\n- Remaining to quota: 108 rows\n- Workspace rows: 12\n- Plan yield: 12/14 (85.7%)\n- TFBS coverage: 25.0% (20/80)\n- Session throughput: 709.4 rows/hour\n- ETA to quota: 00:09:08\n- Runtime: 00:01:01';
const esc = (s: string) => JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const META = (action: string, rows: number, size: number, ts: string) =>
  `"meta": {"usr_action": "${action}", "usr_dataset_name": "densegen/demo_tfbs", "usr_event_version": 1, "usr_fingerprint": {"cols": 5, "rows": ${rows}, "size_bytes": ${size}}, "usr_registry_hash": "ca97\\u202648bb", "usr_timestamp": "${ts}"}`;

test('generic: the five §5.9 lines', async () => {
  const lines = await dryRun(goldenStream(), {});
  assert.equal(lines.length, 5);
  assert.equal(lines[0], `{"message": "init on densegen/demo_tfbs", ${META('init', 0, 2311, '2026-08-21T14:00:01.204311Z')}, "run_id": "4412907.0", "status": "started", "timestamp": "2026-08-21T14:00:01.204311Z", "tool": "densegen", "version": "0.1.0"}`);
  assert.match(lines[1]!, /^\{"message": "DenseGen started \| run=4412907\.0 \| dataset=densegen\/demo_tfbs\\n- Quota target: 120 rows/);
  assert.match(lines[1]!, /, "status": "started", /);
  assert.equal(lines[2], `{"message": "import_rows on densegen/demo_tfbs (rows_written=12)", ${META('import_rows', 12, 4410, '2026-08-21T14:01:03.117250Z')}, "run_id": "4412907.0", "status": "running", "timestamp": "2026-08-21T14:01:03.117250Z", "tool": "densegen", "version": "0.1.0"}`);
  assert.equal(lines[3], `{"message": "write_overlay_part on densegen/demo_tfbs (rows_written=12)", ${META('write_overlay_part', 12, 4410, '2026-08-21T14:01:03.402981Z')}, "run_id": "4412907.0", "status": "running", "timestamp": "2026-08-21T14:01:03.402981Z", "tool": "densegen", "version": "0.1.0"}`);
  assert.equal(lines[4], `{"message": ${esc(PROGRESS)}, ${META('densegen_health', 12, 4410, '2026-08-21T14:01:04.000000Z')}, "run_id": "4412907.0", "status": "running", "timestamp": "2026-08-21T14:01:04.000000Z", "tool": "densegen", "version": "0.1.0"}`);
});

test('slack, --only-actions densegen_health --include-context: the §5.9 second event', async () => {
  const lines = await dryRun(goldenStream(), { provider: 'slack', onlyActions: ['densegen_health'], include: { includeArgs: false, includeContext: true, includeRawEvent: false } });
  assert.equal(lines.length, 2);
  const [first, ...rest] = PROGRESS.split('\n');
  const section = (text: string) => `{"text": {"text": ${esc(text)}, "type": "mrkdwn"}, "type": "section"}`;
  const text = `RUNNING \u2014 densegen/4412907.0\n${PROGRESS}\nhost: scc-xa1\ncwd: /projectnb/lab/usr/datasets`;
  assert.equal(
    lines[1],
    `{"blocks": [${section(':large_blue_circle: *RUNNING*  `densegen/4412907.0`')}, ${section(first!)}, ${section(rest.join('\n'))}, ` +
      '{"elements": [{"text": "*host*: `scc-xa1`", "type": "mrkdwn"}, {"text": "*cwd*: `/projectnb/lab/usr/datasets`", "type": "mrkdwn"}], "type": "context"}], ' +
      `"text": ${esc(text)}}`,
  );
  assert.match(lines[1]!, /"text": "RUNNING \\u2014 densegen\/4412907\.0\\nDenseGen progress/);
});

test('discord: {"content": <STATUS> \u2014 tool/run, then the message} (§5.5)', async () => {
  const lines = await dryRun(goldenStream(), { provider: 'discord' });
  assert.equal(lines[0], '{"content": "STARTED \\u2014 densegen/4412907.0\\ninit on densegen/demo_tfbs"}');
  assert.equal(lines[4], `{"content": ${esc(`RUNNING \u2014 densegen/4412907.0\n${PROGRESS}`)}}`);
});

test('the infer stream (generic): statuses and messages of §5.9', async () => {
  const messages = (await dryRun(inferStream(), {})).map((l) => JSON.parse(l) as { status: string; message: string });
  assert.deepEqual(messages.map((m) => m.status), ['running', 'running', 'success']);
  assert.equal(messages[0]!.message, 'Infer progress | run=infer-llr_7b | dataset=promoters_v3\n- Overall requested outputs: 2.6% (256/10000 units)\n- Remaining overall units: 9744\n- Families: LL 5.1% | output_layer_mean 0.0%\n- Current output: log_likelihood__total 5.1% (256/5000 rows)\n- Chunk rows: incoming=256 matched=256 missing=0\n- Workspace rows: 5000\n- Elapsed: 00:00:00');
  const second = messages[1]!.message.split('\n');
  assert.equal(second[1], '- Overall requested outputs: 25.6% (2560/10000 units)');
  assert.equal(second[2], '- Remaining overall units: 7440');
  assert.equal(second[3], '- ETA to overall complete: 1.0h');
  assert.equal(second[4], '- Families: LL 51.2% | output_layer_mean 0.0%');
  assert.equal(second[5], '- Current output: log_likelihood__total 51.2% (2560/5000 rows)');
  assert.equal(second.at(-1), '- Elapsed: 00:20:00');
  assert.equal(messages[2]!.message, 'materialize on promoters_v3');
});
