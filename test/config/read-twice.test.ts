// `validate` reads its config twice; the YAML is parsed once, and each read still gets a tree of
// its own (a check that changed one could not change the other) with the same positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readConfigText } from '../../src/config/parse-text.js';

const TEXT = 'notifications:\n  sinks:\n    - id: console\n      kind: console\n    - id: events-file\n      kind: file\n      path: .herald/events.jsonl\n';

test('the same text read twice gives equal, separate trees and the same positions', () => {
  const first = readConfigText(TEXT, '/w/herald.yml');
  const second = readConfigText(TEXT, '/w/herald.yml');
  assert.deepEqual(second.root, first.root);
  assert.notEqual(second.root, first.root);
  (first.root as { notifications: { sinks: unknown[] } }).notifications.sinks.pop();
  assert.equal((second.root as { notifications: { sinks: unknown[] } }).notifications.sinks.length, 2);
  assert.deepEqual(second.where(['notifications', 'sinks', 1, 'path']), { line: 7, column: 7 });
  assert.deepEqual(second.where(['notifications', 'sinks', 1, 'path']), first.where(['notifications', 'sinks', 1, 'path']));
});

test('another text, or the same text under another name, is parsed anew', () => {
  readConfigText(TEXT, '/w/herald.yml');
  const other = readConfigText(TEXT.replace('console\n      kind', 'stdout\n      kind'), '/w/herald.yml');
  assert.equal((other.root as { notifications: { sinks: { id: string }[] } }).notifications.sinks[0]!.id, 'stdout');
  assert.throws(() => readConfigText('notifications: [', '/w/broken.yml'), /invalid YAML/);
  assert.throws(() => readConfigText('notifications: [', '/w/broken.yml'), /invalid YAML/, 'a text that failed is not remembered');
});
