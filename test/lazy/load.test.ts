// Lazily loaded packages are unpacked and compiled once per process, however many sinks ask for
// them at the same moment (sixteen sinks used to compile undici sixteen times and each build an
// Agent of its own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { lazyRequire } from '../../src/lazy/load.js';

declare global {
  var __heraldLazyEvaluations: number | undefined;
}

test('sixteen concurrent loads of an embedded package evaluate it once and share its exports', async () => {
  globalThis.__heraldLazyEvaluations = 0;
  const source = 'globalThis.__heraldLazyEvaluations++; module.exports = { made: Symbol("one") };';
  globalThis.__HERALD_LAZY__ = { ...globalThis.__HERALD_LAZY__, 'herald-test-package': gzipSync(source).toString('base64') };
  const loads = await Promise.all(Array.from({ length: 16 }, () => lazyRequire<{ made: symbol }>('herald-test-package')));
  assert.equal(globalThis.__heraldLazyEvaluations, 1);
  assert.ok(loads.every((exports) => exports === loads[0]));
});
