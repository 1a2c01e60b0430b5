import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AsciiLineWindows } from '../../src/sources/usr-events/ascii-windows.js';

test('every line, short or longer than a window, comes back as its own bytes', () => {
  const lengths = [10, 700, 65_000, 1, 70_000, 300, 0, 131_072, 5];
  for (let i = 0; i < 400; i++) lengths.push((i * 7919) % 2000);
  const lines = lengths.map((n, i) => String.fromCharCode(97 + (i % 26)).repeat(n));
  const buffer = Buffer.from(lines.join('\n') + '\n', 'latin1');
  const windowsSeen: number[] = [];
  const windows = new AsciiLineWindows(buffer, buffer.length, (text) => windowsSeen.push(text.length));
  let start = 0;
  for (const expected of lines) {
    const end = buffer.indexOf(10, start);
    assert.equal(windows.line(start, end), expected);
    start = end + 1;
  }
  assert.ok(windowsSeen.length > 5, 'the batch is decoded in several windows');
  assert.ok(windowsSeen.length < lines.length / 4, 'short lines share a window');
});
