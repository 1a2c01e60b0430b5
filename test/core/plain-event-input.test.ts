// The hand check of payload-file events agrees with the event input schema: whatever it accepts, the
// schema accepts with the same result; whatever it leaves out, the schema decides (and names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventInputSchema, parsePayloadText } from '../../src/sources/lifecycle.js';
import { plainEventInput } from '../../src/sources/plain-event-input.js';
import { MAX_DETAILS_DEPTH, nestsDeeperThan } from '../../src/core/event.js';

const LIMIT = MAX_DETAILS_DEPTH + 1;

const base = { kind: 'post_task', event_id: 'e-1', title: 't', body: 'b', outcome: 'completed', task_id: 'job', session_id: null, run_id: 'r', timestamp: 1764482401.5, severity: 'warning', labels: { team: 'platform', n: 3, on: true }, details: { rows: [1, 2.5, { deep: null }], who: 'x' } };

// Each case: one key changed (undefined removes it). JSON round trip: these are values a payload file holds.
const variants: Record<string, unknown>[] = [
  base,
  { kind: 'pre_task' },
  { ...base, labels: {} , details: {} },
  { ...base, kind: '' },
  { ...base, kind: 7 },
  { ...base, kind: undefined },
  { ...base, title: null },
  { ...base, body: 3 },
  { ...base, outcome: false },
  { ...base, event_id: null },
  { ...base, task_id: 5 },
  { ...base, session_id: 'sess' },
  { ...base, run_id: null },
  { ...base, severity: 'fatal' },
  { ...base, severity: 'critical' },
  { ...base, timestamp: -1 },
  { ...base, timestamp: 1e12 },
  { ...base, timestamp: '1764482401' },
  { ...base, timestamp: 0 },
  { ...base, labels: { a: null } },
  { ...base, labels: { a: [1] } },
  { ...base, labels: [] },
  { ...base, labels: { n: 1e21, f: -0.5 } },
  { ...base, details: [] },
  { ...base, details: 'text' },
  { ...base, details: { a: { b: { c: [true, 'x', 1e300] } } } },
  { ...base, extra: 1 },
  { ...base, Kind: 'x' },
];

test('every event the hand check accepts comes out as the schema makes it', () => {
  let accepted = 0;
  for (const variant of variants) {
    const value = JSON.parse(JSON.stringify(variant)) as unknown;
    const plain = plainEventInput(value, LIMIT);
    const schema = eventInputSchema().safeParse(value);
    if (plain) {
      accepted++;
      assert.ok(schema.success, `hand check accepted what the schema refuses: ${JSON.stringify(variant)}`);
      assert.deepEqual(plain, schema.data, JSON.stringify(variant));
    }
  }
  assert.ok(accepted >= 8, `the common shapes take the hand check (${accepted} did)`);
});

test('a __proto__ key, anywhere, is left to the schema', () => {
  for (const text of ['{"kind":"x","__proto__":{}}', '{"kind":"x","labels":{"__proto__":"a"}}', '{"kind":"x","details":{"a":[{"__proto__":1}]}}']) {
    assert.equal(plainEventInput(JSON.parse(text), LIMIT), undefined, text);
  }
});

test('details at the depth limit are left to the depth check, one level less passes', () => {
  const nested = (levels: number): unknown => (levels === 0 ? 1 : { a: [nested(levels - 1)] });
  for (const levels of [30, 31, 32, 33, 40]) {
    const value = JSON.parse(JSON.stringify({ kind: 'x', details: nested(levels) })) as unknown;
    const tooDeep = nestsDeeperThan(value, LIMIT);
    assert.equal(plainEventInput(value, LIMIT) === undefined, tooDeep, `${levels} levels: hand check and depth check agree`);
  }
  assert.ok(nestsDeeperThan({ kind: 'x', details: nested(40) }, LIMIT), 'the deepest case is over the limit');
});

test('a batch with good and bad events: the same events and the same problems as before', () => {
  const text = [
    JSON.stringify(base),
    JSON.stringify({ ...base, event_id: 'e-2', severity: 'fatal' }),
    JSON.stringify({ kind: 'post_task', event_id: 'e-3', labels: { n: 2 } }),
    JSON.stringify({ ...base, event_id: 'e-4', extra: true }),
  ].join('\n');
  const { events, problems } = parsePayloadText(text, 'events.jsonl', 1_000);
  assert.deepEqual(events.map((e) => [e.event_id, e.severity, e.labels]), [
    ['e-1', 'warning', { team: 'platform', n: '3', on: 'true' }],
    ['e-3', 'info', { n: '2' }],
  ]);
  assert.deepEqual(problems.map((p) => p.message.split(': ').slice(0, 3).join(': ')), ['events.jsonl:2: event 2: severity', 'events.jsonl:4: event 4: extra']);
});
