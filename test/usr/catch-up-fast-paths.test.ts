// The per-record shortcuts of a catch-up must be invisible: each gives, for every input, what the
// general code it stands in for gives (the event time, the 16-digit test that decides the exact
// re-parse for pack messages, and the once-per-window rows_written check).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasSixteenDigits } from '../../src/sources/usr-events/convert.js';
import { eventTimeSeconds } from '../../src/sources/usr-events/numbers.js';
import { echoRecord, mayHaveRowsWrittenFloat } from '../../src/sources/usr-events/payload.js';
import type { UsrRecord } from '../../src/sources/usr-events/validate.js';

/** eventTimeSeconds as it was before its digit-by-digit path: one regex and Date.parse. */
function generalTimeSeconds(timestamp: unknown, nowMs: number): number {
  if (typeof timestamp === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(timestamp.trim());
    if (m) {
      const frac = m[3] ? Number(m[3]) : 0;
      const zone = !m[4] || m[4] === 'Z' ? 'Z' : m[4].length === 5 ? `${m[4].slice(0, 3)}:${m[4].slice(3)}` : m[4];
      const wholeMs = Date.parse(`${m[1]}T${m[2]}${zone}`);
      if (!Number.isNaN(wholeMs)) return wholeMs / 1000 + frac;
    }
  }
  return nowMs / 1000;
}

test('the event time of every timestamp form is what the general parse gives', () => {
  const nowMs = 1_790_000_000_123;
  const dates = ['2026-08-21', '2026-02-28', '2026-02-29', '2026-02-30', '2024-02-29', '2026-12-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-04-31', '0000-01-01', '0026-04-01', '1969-12-31', '9999-12-31'];
  const times = ['14:00:00', '00:00:00', '23:59:59', '24:00:00', '23:60:00', '23:59:60', '14:00', '7:00:00'];
  const fractions = ['', '.', '.5', '.204311', '.000001', '.999999', '.123456789012345', '.1234567890123456', '.12345678901234567'];
  const zones = ['', 'Z', '+00:00', '-00:00', '+0000', '+05:30', '-08:00', '+2', 'z', ' '];
  const cases: unknown[] = [undefined, null, 12, '', 'garbage', ' 2026-08-21T14:00:00Z', '2026-08-21T14:00:00Z ', '2026-08-21X14:00:00Z', '2026/08/21T14:00:00Z', '２026-08-21T14:00:00Z'];
  for (const date of dates) for (const sep of ['T', ' ', 't']) for (const time of times) for (const fraction of fractions) for (const zone of zones) cases.push(`${date}${sep}${time}${fraction}${zone}`);
  // Consecutive records of one day, then another day and back (the day is cached between calls).
  for (const second of ['00', '01', '59']) cases.push(`2026-08-21T14:00:${second}.5Z`, `2026-08-22T14:00:${second}.5Z`, `2026-08-21T14:00:${second}.5Z`);
  for (const t of cases) assert.ok(Object.is(eventTimeSeconds(t, nowMs), generalTimeSeconds(t, nowMs)), `event time of ${JSON.stringify(t)}`);
});

test('the 16-digit test agrees with /\\d{16}/ on runs of every length at every offset', () => {
  const samples: string[] = ['', '1234567890123456', '123456789012345', 'x'.repeat(40)];
  for (let run = 12; run <= 20; run++) {
    for (let offset = 0; offset <= 34; offset++) {
      const digits = '9'.repeat(run);
      samples.push('a'.repeat(offset) + digits, 'a'.repeat(offset) + digits + 'b', '1'.repeat(offset % 7) + 'a'.repeat(offset) + digits + '.5' + '7'.repeat(offset % 15));
    }
  }
  // Records as the writer spells them: long numbers in fingerprints, digits inside hashes.
  samples.push(
    '{"fingerprint":{"rows":9007199254740993,"cols":5},"registry_hash":"ca978112ca1bbdcafac231b39a23dc4d"}',
    '{"metrics":{"gc_total":0.4700000000000001,"rows":123456789012345}}',
    '{"a":"0123456789abcdef0123456789","b":1e21}',
  );
  for (const s of samples) assert.equal(hasSixteenDigits(s), /\d{16}/.test(s), JSON.stringify(s));
});

test('a window of lines says "maybe a rows_written float" whenever one of its lines needs the float re-parse', () => {
  const options = { includeArgs: false, includeContext: false, includeRawEvent: false };
  const spellings = ['12', '12.0', '12.5', '1e3', '12E2', '-12.0', '-3', ' 12.0', '\t12.0', '0.0', '120'];
  const lines = spellings.map((v) => `{"event_version":1,"action":"import_rows","metrics":{"rows_written":${v},"rows_skipped":0.0}}`);
  lines.push('{"event_version":1,"action":"import_rows","args":{"rows_written":12.0},"metrics":{"rows_written":12}}');
  lines.push('{"event_version":1,"action":"import_rows","metrics":{"rows_written_session":12.0,"rows_written":3}}');
  for (const line of lines) {
    const record = JSON.parse(line) as UsrRecord;
    const reparsed = echoRecord(record, line, options, true) !== record;
    if (reparsed) {
      assert.equal(mayHaveRowsWrittenFloat(line), true, line);
      assert.equal(mayHaveRowsWrittenFloat(`${lines[0]}\n${line}\n${lines[0]}`), true, line);
    } else {
      // Nothing to find: the per-line check is skipped with the same result.
      assert.equal(echoRecord(record, line, options, false), record, line);
    }
  }
  assert.equal(mayHaveRowsWrittenFloat(`${lines[0]}\n${lines[2]}`), true);
  assert.equal(mayHaveRowsWrittenFloat(`${lines[0]}\n${lines[0]}`), false, 'integer spellings only');
});
