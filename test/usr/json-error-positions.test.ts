// Python's json.JSONDecodeError positions (issue 13 #13; reference/usr-events-and-profiles.md §1.7):
// dnadesign reports `event line is not valid JSON: Expecting ',' delimiter: line 1 column 19 (char 18)`
// with the real line, column and code-point offset within the record. Every expected text below is
// what CPython 3.12's json.loads printed for the same input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRecordText } from '../../src/core/lossless-json.js';
import { pythonJsonErrorMessage } from '../../src/core/python-json-error.js';
import { parseLine } from '../../src/sources/usr-events/validate.js';
import { runWatch, type WatchSettings } from '../../src/watch/run.js';

const PYTHON_312: [string, string][] = [
  ['{"event_version":1"action":"init"}', "Expecting ',' delimiter: line 1 column 19 (char 18)"],
  ['{"event_version":1 "action":"init"}', "Expecting ',' delimiter: line 1 column 20 (char 19)"],
  ['{"event_version":1,,"action":"init"}', 'Expecting property name enclosed in double quotes: line 1 column 20 (char 19)'],
  ['{"event_version":1,"action":"init",}', 'Expecting property name enclosed in double quotes: line 1 column 36 (char 35)'],
  ['{event_version:1}', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
  ['{"event_version":1,"action":}', 'Expecting value: line 1 column 29 (char 28)'],
  ['{"event_version" 1}', "Expecting ':' delimiter: line 1 column 18 (char 17)"],
  ['{"event_version":1,"action":"init', 'Unterminated string starting at: line 1 column 29 (char 28)'],
  ['{"event_version":1,"action":"init"} {"x":1}', 'Extra data: line 1 column 37 (char 36)'],
  ['{"event_version":1,"action":"in\tit"}', 'Invalid control character at: line 1 column 32 (char 31)'],
  ['{"a":"\\x"}', 'Invalid \\escape: line 1 column 7 (char 6)'],
  ['{"a":"\\u12"}', 'Invalid \\uXXXX escape: line 1 column 8 (char 7)'],
  // NaN is a value for Python: the failure is the missing value after "y".
  ['{"event_version":1,"metrics":{"x":NaN,"y":}}', 'Expecting value: line 1 column 43 (char 42)'],
  // Offsets count code points: the emoji is one character for Python, two UTF-16 units here.
  ['{"a":"\\ud83d\\ude00 \u{1F600}","b":tru}', 'Expecting value: line 1 column 27 (char 26)'],
  ['{\n"a": 1,\n"b" 2}', "Expecting ':' delimiter: line 3 column 5 (char 14)"],
  ['{\n  "event_version": 1,\n  "action": \n}', 'Expecting value: line 4 column 1 (char 37)'],
  ['', 'Expecting value: line 1 column 1 (char 0)'],
];

test('each common decode error gets Python 3.12\'s message, line, column and char offset', () => {
  for (const [input, expected] of PYTHON_312) {
    assert.equal(pythonJsonErrorMessage(input), expected, JSON.stringify(input));
    assert.throws(() => parseRecordText(input), { message: expected }, JSON.stringify(input));
    assert.throws(() => parseRecordText(input, { keepFloats: true }), { message: expected }, JSON.stringify(input));
  }
});

test('a text Python accepts (NaN, Infinity, nesting) has no decode error', () => {
  for (const ok of ['{"a":NaN,"b":[-Infinity,{"c":1e5}]}', ' [1, 2.5, "\\ud83d\\ude00"] ', '"x"']) assert.equal(pythonJsonErrorMessage(ok), undefined, ok);
});

// Python gives up with a RecursionError (a traceback in dnadesign); Herald names the position.
test('100,000 nested brackets are scanned without a stack overflow', () => {
  assert.equal(pythonJsonErrorMessage('['.repeat(100_000)), 'Expecting value: line 1 column 100001 (char 100000)');
});

test('a USR line: "event line is not valid JSON: Expecting \',\' delimiter: line 1 column 19 (char 18)" as dnadesign', () => {
  assert.throws(() => parseLine('{"event_version":1"action":"init"}', { allowUnknownVersion: false }), {
    message: "event line is not valid JSON: Expecting ',' delimiter: line 1 column 19 (char 18)",
  });
});

test('watch names the file and line, then Python\'s position within the record', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'herald-json-pos-'));
  await writeFile(join(dir, 'e.log'), '{"event_version":1,"action":"init","actor":{"tool":"t","run_id":"r"}}\n  {"event_version":1,"action":}\n');
  const settings: WatchSettings = {
    eventsPath: join(dir, 'e.log'), follow: false, waitForEvents: false, pollMs: 20, stopOnTerminal: false, onTruncate: 'error',
    onlyActions: [], onlyTools: [], progress: {}, onInvalid: 'error', allowUnknownVersion: false,
    include: { includeArgs: false, includeContext: false, includeRawEvent: false }, provider: 'generic', dryRun: true, advanceCursorOnDryRun: false, failFast: false,
  };
  // The record is the stripped line, as dnadesign decodes it: leading blanks do not count.
  await assert.rejects(runWatch(settings, { out: () => undefined, warn: () => undefined, sleep: async () => undefined, nowMs: () => 0 }), {
    message: `${join(dir, 'e.log')}:2: event line is not valid JSON: Expecting value: line 1 column 29 (char 28)`,
  });
});
