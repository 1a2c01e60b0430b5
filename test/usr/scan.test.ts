// The catch-up fast paths must be invisible: the partial scan accepts only what JSON.parse accepts
// and builds the same values, and the generic dry-run encoder writes the general encoder's bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanRecord } from '../../src/sources/usr-events/scan.js';
import { GenericDryRunEncoder } from '../../src/sources/usr-events/dry-run-line.js';
import { dryRunLine } from '../../src/sources/usr-events/python-json.js';
import { buildPayload, genericMessage } from '../../src/sources/usr-events/payload.js';
import type { UsrRecord } from '../../src/sources/usr-events/validate.js';
import { bulkLine, goldenStream, inferStream, usrLine } from '../support/usr-log.js';

const WANTED = ['event_version', 'timestamp_utc', 'action', 'dataset', 'metrics', 'fingerprint', 'registry_hash', 'actor', 'version'];

function expected(text: string): Record<string, unknown> | 'invalid' {
  let full: Record<string, unknown>;
  try {
    full = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'invalid';
  }
  if (full === null || typeof full !== 'object' || Array.isArray(full)) return 'invalid';
  return Object.fromEntries(WANTED.filter((k) => k in full).map((k) => [k, full[k]]));
}

function check(text: string): void {
  const got = scanRecord(text);
  const want = expected(text);
  if (got === undefined) return; // gave up: the full parser decides
  assert.notEqual(want, 'invalid', `scan accepted what JSON.parse rejects: ${text}`);
  assert.deepEqual(got, want, text);
}

const SAMPLES = [
  ...(goldenStream() + inferStream()).split('\n').filter(Boolean),
  bulkLine(3, 'import_rows', 40).trim(),
  usrLine({ action: 'x', metrics: { a: -0, b: 1.5e-7, c: 1e21, d: [1, [2, {}], 'q'], e: true, f: false, g: null }, args: { s: 'a"b\\c\u00e9\n', t: [] } }).trim(),
  '{"event_version":1,"action":"a","dataset":{"name":"d\\u00e9\\"x"}}',
  '{ "event_version" : 1 , "action" : "a" , "args" : { "k" : [ 1 , 2 ] } }',
  '{}',
];

test('the scan builds exactly the wanted fields JSON.parse would, on real records', () => {
  for (const line of SAMPLES) {
    const got = scanRecord(line);
    assert.ok(got !== undefined, `plain record not scanned: ${line}`);
    assert.deepEqual(got, expected(line));
  }
});

test('the scan never accepts what JSON.parse rejects, and gives up on the unusual', () => {
  const invalid = ['{"a":1,}', '{"a":01}', '{"a":1.}', '{"a":-}', '{"a":.5}', '{"a":"x}', '{"a":tru}', '{"a":[1,]}', '{"a":1}x', '{"a" 1}', '{"a":"\\x"}', '{"a":"\\u12"}', '{a:1}', '{"a":1', '{"a":{"b":1,}}', '{"a":1e}', '{"a":+1}'];
  for (const text of invalid) {
    assert.equal(expected(text), 'invalid', text);
    assert.equal(scanRecord(text), undefined, text);
  }
  // Valid, but left to the full parser: NaN tokens, control characters/tabs, duplicate wanted keys.
  for (const text of ['{"event_version":1,"metrics":{"g":NaN}}', '{"action":"a\tb"}', '{\t"action":"a"}', '{"action":"a","action":"b"}', '{"dataset":{"__proto__":1}}']) {
    assert.equal(scanRecord(text), undefined, text);
  }
  // A repeated skipped key is harmless.
  assert.deepEqual(scanRecord('{"args":1,"action":"a","args":2}'), { action: 'a' });
});

test('random corruptions of real lines: accepted only when JSON.parse agrees', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const alphabet = '{}[]",:\\ 0123456789.-+eEtrufalsn"abc';
  for (let n = 0; n < 20000; n++) {
    const base = SAMPLES[n % SAMPLES.length]!;
    const chars = base.split('');
    const edits = 1 + Math.floor(random() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * chars.length);
      const op = random();
      const ch = alphabet[Math.floor(random() * alphabet.length)]!;
      if (op < 0.4) chars[at] = ch;
      else if (op < 0.7) chars.splice(at, 1);
      else chars.splice(at, 0, ch);
    }
    check(chars.join(''));
  }
});

test('the generic dry-run encoder writes the general encoder\'s bytes', () => {
  const encoder = new GenericDryRunEncoder();
  const records = [...SAMPLES.slice(0, -3).map((l) => JSON.parse(l) as UsrRecord), { event_version: 1, action: 'é"x', dataset: { name: 'd\\' }, fingerprint: { rows: 1, cols: 2, size_bytes: 3, sha256: null }, registry_hash: null, actor: {} } as UsrRecord];
  for (const record of records) {
    for (const options of [{ includeArgs: false, includeContext: false, includeRawEvent: false }, { includeArgs: true, includeContext: true, includeRawEvent: true }]) {
      for (const message of [null, 'hé\nllo']) {
        const payload = buildPayload({ record, echo: record, status: 'running', tool: 't', runId: 'r', message: message ?? genericMessage(record, record), options, nowIso: () => '2026-01-01T00:00:00.000000+00:00' });
        const plain = JSON.stringify(payload);
        const trusted = !/[^\x20-\x7e]|\\/.test(plain.replace(/\\"/g, '')) && !plain.includes('\\');
        assert.equal(encoder.line(payload, false), dryRunLine(payload));
        if (trusted) assert.equal(encoder.line(payload, true), dryRunLine(payload));
      }
    }
  }
});
