// Imports run one way (STYLE.md, DESIGN.md "Dependency direction"): each part of src/ may import
// only the parts listed for it, and no files import each other in a loop. Checked over the import
// statements (static, dynamic, re-exports, type-only too), so a shortcut fails here, not in review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../support/cli.js';

const SRC = join(ROOT, 'src');

/** Part → the parts it may import (besides itself). A part is a folder of src/ or a top-level file. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  lazy: ['core'],
  state: ['core', 'lazy'],
  sinks: ['core', 'lazy'],
  // Loading a config checks each sink against its kind's schema.
  config: ['core', 'sinks'],
  dispatch: ['core', 'config', 'sinks', 'state', 'lazy'],
  // Sources turn input into events and never deliver.
  sources: ['core', 'state', 'lazy'],
  // Reading dnadesign profiles: the provider names are the profile webhook sink's.
  profile: ['core', 'sinks'],
  report: ['core', 'dispatch'],
  // The config judged with nothing opened (validate, list); herald.ts opens the rest on top.
  'open-config.ts': ['core', 'config', 'sinks', 'state', 'dispatch'],
  'herald.ts': ['core', 'config', 'sinks', 'state', 'dispatch', 'lazy', 'sources', 'open-config.ts'],
  // The watch loop composes a USR source with the pipeline.
  watch: ['core', 'config', 'sinks', 'state', 'dispatch', 'sources', 'herald.ts'],
  cli: ['core', 'config', 'sinks', 'state', 'dispatch', 'sources', 'profile', 'report', 'watch', 'herald.ts', 'open-config.ts', 'lazy'],
  action: ['core', 'config', 'sinks', 'state', 'dispatch', 'sources', 'report', 'herald.ts', 'lazy'],
  'index.ts': ['core', 'config', 'sinks', 'state', 'dispatch', 'herald.ts'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** src-relative file → the src-relative files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

function partOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : file;
}

test('every part of src/ imports only the parts below it', () => {
  const graph = importGraph();
  assert.ok(graph.size > 50, 'the import graph was read');
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const part = partOf(file);
    const allowed = ALLOWED[part];
    assert.ok(allowed, `${file}: '${part}' is a part of src/ that the import rules do not know; add it to ALLOWED with a reason`);
    for (const target of targets) {
      const to = partOf(target);
      if (to !== part && !allowed.includes(to)) wrong.push(`${file} -> ${target} (${part} may not import ${to})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('no files import each other in a loop', () => {
  const graph = importGraph();
  // Tarjan's strongly connected components: any component of more than one file is a loop.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) loops.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  assert.deepEqual(loops, []);
});

test('the rules catch a forbidden import (the checker itself can fail)', () => {
  const graph = new Map([['sinks/a.ts', ['dispatch/b.ts']]]);
  const [file, targets] = [...graph][0]!;
  assert.ok(!ALLOWED[partOf(file)]!.includes(partOf(targets[0]!)));
});
