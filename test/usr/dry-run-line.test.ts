// The catch-up fast path must be invisible: the generic dry-run encoder (cached segments, trusted
// strings) writes the general encoder's bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GenericDryRunEncoder } from '../../src/sources/usr-events/dry-run-line.js';
import { dryRunLine } from '../../src/core/python-json.js';
import { buildPayload, genericMessage } from '../../src/sources/usr-events/payload.js';
import type { UsrRecord } from '../../src/sources/usr-events/validate.js';
import { bulkLine, goldenStream, inferStream, usrLine } from '../support/usr-log.js';

const SAMPLES = [
  ...(goldenStream() + inferStream()).split('\n').filter(Boolean),
  bulkLine(3, 'import_rows', 40).trim(),
  usrLine({ action: 'x', metrics: { a: -0, b: 1.5e-7, c: 1e21, d: [1, [2, {}], 'q'], e: true, f: false, g: null }, args: { s: 'a"b\\c\u00e9\n', t: [] } }).trim(),
  '{"event_version":1,"action":"a","dataset":{"name":"d\\u00e9\\"x"}}',
  '{ "event_version" : 1 , "action" : "a" , "args" : { "k" : [ 1 , 2 ] } }',
  '{}',
];

test('the generic dry-run encoder writes the general encoder\'s bytes', () => {
  const encoder = new GenericDryRunEncoder();
  const records = [...SAMPLES.slice(0, -1).map((l) => JSON.parse(l) as UsrRecord), { event_version: 1, action: 'é"x', dataset: { name: 'd\\' }, fingerprint: { rows: 1, cols: 2, size_bytes: 3, sha256: null }, registry_hash: null, actor: {} } as UsrRecord];
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
