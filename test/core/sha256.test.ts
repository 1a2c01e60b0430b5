// The JavaScript SHA-256 (event ids, dedup keys) gives what node:crypto gives, on every text shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha256Hex } from '../../src/core/sha256.js';

test('sha256Hex equals createHash("sha256") over ASCII, multi-byte, astral, empty and block-edge texts', () => {
  const texts = ['', 'abc', 'post_task|nightly-build||1796067615.812', 'é ü 漢字', '🚀 launched', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(1000)];
  for (let n = 0; n < 200; n++) texts.push(Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7919 + n) % 2000))).join(''));
  for (const text of texts) assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'), JSON.stringify(text));
});

test('a lone surrogate is hashed as U+FFFD, as Buffer.from would encode it', () => {
  assert.equal(sha256Hex('a\ud800b'), createHash('sha256').update('a\ud800b', 'utf8').digest('hex'));
});
