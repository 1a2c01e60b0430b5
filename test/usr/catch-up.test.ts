// A catch-up dry run over a log several read chunks long, through the bundle as users run it: the
// lines it prints (bytes handed to stdout per chunk) are the in-process watcher's lines, one per
// record, with the Python float spelling of rows_written kept where the record has one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runWatch } from '../../src/watch/run.js';
import { runCli, tempDir } from '../support/cli.js';
import { bulkLine, usrLine } from '../support/usr-log.js';

const RECORDS = 4000; // ~2.6 MB: five half-MiB chunks, so lines straddle chunk boundaries

function generatedLog(): string {
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    if (i === 1234) lines.push(usrLine({ action: 'import_rows', metrics: { rows_written: 12, rows_skipped: 0 } }, { floats: ['rows_written'] }));
    else if (i === 2345) lines.push(usrLine({ action: 'import_rows', dataset: { name: 'café/ünïcode', root: '/data' } }).replace('\\u00e9', 'é'));
    else lines.push(bulkLine(i, i % 100 === 7 ? 'densegen_flush_failed' : 'import_rows', 170 + (i % 13)));
  }
  return lines.join('');
}

test('a multi-chunk catch-up prints, through the bundle, exactly the in-process lines', async () => {
  const dir = await tempDir();
  const events = join(dir, '.events.log');
  await writeFile(events, generatedLog());
  const inProcess: string[] = [];
  await runWatch(
    {
      eventsPath: events, follow: false, waitForEvents: false, pollMs: 20, stopOnTerminal: false, onTruncate: 'error', onlyActions: [], onlyTools: [],
      progress: {}, onInvalid: 'error', allowUnknownVersion: false, include: { includeArgs: false, includeContext: false, includeRawEvent: false },
      provider: 'generic', dryRun: true, advanceCursorOnDryRun: false, failFast: false,
    },
    { out: (l) => inProcess.push(...l.split('\n')), warn: () => undefined, sleep: async () => undefined, nowMs: () => Date.now() },
  );
  const r = await runCli(['watch', '--events', events, '--provider', 'generic', '--dry-run'], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const printed = r.stdout.split('\n').filter(Boolean);
  assert.equal(printed.length, RECORDS);
  assert.deepEqual(printed, inProcess);
  assert.match(printed[1234]!, /\(rows_written=12\.0\)/);
  assert.match(printed[1235]!, /\(rows_written=1235\)/);
  assert.match(printed[2345]!, /caf\\u00e9\/\\u00fcn\\u00efcode/);
});
