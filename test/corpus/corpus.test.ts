// The bad-input corpus (issue 12, "Make it stay true"): configs, profiles, payloads, USR lines,
// flag sets and action inputs that a user or a hostile repository could hand Herald. Each case
// says its exit status and the words its message must hold; every case must also end without an
// internal error showing (TypeError, a stack frame, "unexpected failure") and leave every .jsonl
// line under the state folder whole. Cases run in-process in two worker processes (worker.ts):
// the CLI through its entry function, the action through runMain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { INTERNAL_ERROR_WORDS, STACK_FRAME, type CorpusCase } from './case.js';
import { generatedCases } from './generate.js';
import { runCases } from './run-cases.js';
import { ROOT } from '../support/cli.js';

const HERE = join(ROOT, 'test', 'corpus');
const WORKERS = 2;

function handWritten(): CorpusCase[] {
  return readdirSync(join(HERE, 'cases'))
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .flatMap((f) => (parse(readFileSync(join(HERE, 'cases', f), 'utf8')) as CorpusCase[]).map((c) => ({ ...c, name: `${f.replace(/\.yml$/, '')}: ${c.name}` })));
}

const cases = [...handWritten(), ...(await generatedCases())];
const names = new Set<string>();
for (const c of cases) {
  assert.ok(!names.has(c.name), `duplicate corpus case name: ${c.name}`);
  names.add(c.name);
}
const results = new Map((await runCases(cases, WORKERS)).map((r) => [r.name, r]));

test(`the corpus holds at least 200 cases (${cases.length})`, () => {
  assert.ok(cases.length >= 200, `${cases.length} cases`);
});

for (const c of cases) {
  test(c.name, () => {
    const r = results.get(c.name);
    assert.ok(r, 'no result');
    const shown = `exit ${r.code}; output:\n${r.output.slice(0, 3000)}`;
    assert.equal(r.code, c.exit, shown);
    const lower = r.output.toLowerCase();
    for (const word of c.says) assert.ok(lower.includes(word.toLowerCase()), `expected "${word}" in the output; ${shown}`);
    for (const word of [...INTERNAL_ERROR_WORDS, ...(c.never ?? [])]) assert.ok(!r.output.includes(word), `"${word}" in the output; ${shown}`);
    assert.doesNotMatch(r.output, STACK_FRAME, shown);
    assert.deepEqual(r.tornLines, [], 'every .jsonl line under the state folder parses');
  });
}
