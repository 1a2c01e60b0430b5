import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { CommonSinkSchema } from '../../src/core/config-schema.js';
import { buildEvent } from '../../src/core/event.js';
import { filterReason } from '../../src/core/filters.js';
import { matchesGlob } from '../../src/core/glob.js';

const sink = (extra: Record<string, unknown>) => CommonSinkSchema.parse({ id: 's', kind: 'console', ...extra });

test('glob patterns match as "*" = any run of characters, anchored at both ends', () => {
  const cases: [pattern: string, value: string, expected: boolean][] = [
    ['prod', 'prod', true],
    ['prod', 'production', false],
    ['', '', true],
    ['', 'x', false],
    ['*', '', true],
    ['*', 'anything at all', true],
    ['**', 'x', true],
    ['prod*', 'prod', true],
    ['prod*', 'production', true],
    ['prod*', 'preprod', false],
    ['*prod', 'preprod', true],
    ['*prod', 'production', false],
    ['*-*', 'data-eu', true],
    ['*-*', 'dataeu', false],
    ['data-*', 'data-', true],
    ['a*a', 'a', false], // head and tail may not share the one "a"
    ['a*a', 'aa', true],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['*a*b*c*', 'xxaxxbxxcxx', true],
    ['*a*b*c*', 'xxcxxbxxaxx', false],
    ['a*b*c', 'abcbc', true], // the middle "b" must leave a "c" for the tail
    ['a*bc*bc', 'abcbc', true],
    ['a*bc*bc', 'abcb', false],
    ['infer_*', 'infer_feature_bundle_progress', true],
    ['*_write', 'infer_feature_vectors_write', true],
    ['*_write', 'infer_feature_vectors_written', false],
    ['.+?^$()[]{}|\\*', '.+?^$()[]{}|\\ literal', true], // regex metacharacters are plain text
    ['a.c', 'abc', false],
    ['multi*line', 'multi\nline', true], // a label value with a newline is still one run
    ['CASE*', 'case-sensitive', false],
    ['*ü*', 'grün', true],
  ];
  for (const [pattern, value, expected] of cases) {
    assert.equal(matchesGlob(pattern, value), expected, `${JSON.stringify(pattern)} vs ${JSON.stringify(value)}`);
  }
});

test('match_labels and events route by glob, and say why an event is not taken', () => {
  const event = buildEvent({ kind: 'infer_feature_bundle_progress', labels: { team: 'data-eu' } }, 1);
  assert.equal(filterReason(sink({ events: ['infer_*'], match_labels: { team: ['platform', 'data-*'] } }), event), null);
  assert.match(filterReason(sink({ events: ['post_*'] }), event) ?? '', /event 'infer_feature_bundle_progress' is not in events \[post_\*\]/);
  assert.match(filterReason(sink({ match_labels: { team: '*-us' } }), event) ?? '', /label 'team' is 'data-eu', wanted \*-us/);
});

// The worker bounds the check without timing the matcher: a backtracking matcher needs minutes
// (36 characters took ~10 s; each further character multiplies that), a linear one microseconds,
// so a generous limit cannot flake and still fails the old matcher instead of hanging the suite.
function filterInWorker(patterns: { events?: string[]; match_labels?: Record<string, string> }, kind: string, labels: Record<string, string>, limitMs: number): Promise<string | null | 'no answer'> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.tsx).then((tsx) => {
      tsx.register();
      return Promise.all([import(workerData.schema), import(workerData.event), import(workerData.filters)]);
    }).then(([s, e, f]) => {
      const sink = s.CommonSinkSchema.parse({ id: 's', kind: 'console', ...workerData.patterns });
      parentPort.postMessage(f.filterReason(sink, e.buildEvent({ kind: workerData.kind, labels: workerData.labels }, 1)));
    });
  `;
  const at = (path: string) => new URL(path, import.meta.url).href;
  const worker = new Worker(source, {
    eval: true,
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), schema: at('../../src/core/config-schema.ts'), event: at('../../src/core/event.ts'), filters: at('../../src/core/filters.ts'), patterns, kind, labels },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      resolve('no answer');
      void worker.terminate();
    }, limitMs);
    worker.once('message', (reason: string | null) => {
      clearTimeout(timer);
      resolve(reason);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

test('a label built to make a backtracking matcher explode is matched at once', async () => {
  const pattern = '*a*a*a*a*a*a*a*a*a*a*b';
  const reason = await filterInWorker({ match_labels: { team: pattern } }, 'post_task', { team: 'a'.repeat(48) }, 20_000);
  assert.equal(reason, `label 'team' is '${'a'.repeat(48)}', wanted ${pattern}`);
  const kindReason = await filterInWorker({ events: ['*a*a*a*a*a*a*a*a*a*a*b'] }, 'a'.repeat(48), {}, 20_000);
  assert.match(String(kindReason), /is not in events/);
});

test('the matcher does one forward pass: 1,000 stars against a 100,000-character label', () => {
  assert.equal(matchesGlob('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(36)), false);
  assert.equal(matchesGlob('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(36) + 'b'), true);
  const pattern = '*a'.repeat(1000) + '*b';
  assert.equal(matchesGlob(pattern, 'a'.repeat(36)), false);
  assert.equal(matchesGlob(pattern, 'a'.repeat(100_000)), false);
  assert.equal(matchesGlob(pattern, 'a'.repeat(100_000) + 'b'), true);
});
