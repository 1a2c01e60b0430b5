// The action and the CLI are two front doors over herald.ts and never import each other
// (STYLE.md, "Imports run one way"); what both need lives below them. Checked over the import
// statements of src/, so a shortcut added later fails here rather than in review.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../support/cli.js';

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** src-relative path → the src-relative files it imports (static, dynamic and re-exports). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

/** One cycle through `start`, as a path, or undefined. */
function cycleThrough(graph: Map<string, string[]>, start: string): string[] | undefined {
  const seen = new Set<string>();
  const walk = (node: string, path: string[]): string[] | undefined => {
    for (const next of graph.get(node) ?? []) {
      if (next === start) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

describe('action import rules', () => {
  const graph = importGraph();

  it('no module of the action imports the CLI', () => {
    const offending = [...graph].filter(([file]) => file.startsWith('action/')).flatMap(([file, targets]) => targets.filter((t) => t.startsWith('cli/')).map((t) => `${file} → ${t}`));
    assert.deepEqual(offending, []);
  });

  it('no import cycle runs through the action or through send/render of the CLI', () => {
    const starts = [...graph.keys()].filter((f) => f.startsWith('action/') || f === 'cli/send.ts' || f === 'cli/render.ts' || f === 'cli/event-options.ts' || f.startsWith('report/'));
    const cycles = starts.map((s) => cycleThrough(graph, s)).filter((c): c is string[] => Boolean(c)).map((c) => c.join(' → '));
    assert.deepEqual(cycles, []);
  });
});
