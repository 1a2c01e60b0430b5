// The fenced blocks of the project's Markdown, found afresh on every run, so a block added to a
// doc is picked up by test/docs/executable-docs.test.ts without anyone registering it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export interface DocBlock {
  /** README.md or docs/x.md */
  file: string;
  lang: string;
  text: string;
  /** 1-based line of the opening fence */
  line: number;
  /** `file: first line`: stable when other blocks move, unique enough to list a block by. */
  key: string;
}

export const DOC_FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

export function docBlocks(files: readonly string[] = DOC_FILES): DocBlock[] {
  const blocks: DocBlock[] = [];
  for (const file of files) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]!);
      if (!open) continue;
      const fence = open[2]!;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !lines[j]!.trim().startsWith(fence); j++) body.push(lines[j]!.slice(open[1]!.length));
      const text = body.join('\n') + '\n';
      const first = body.find((l) => l.trim())?.trim() ?? '';
      blocks.push({ file, lang: open[3]!.toLowerCase(), text, line: i + 1, key: `${file}: ${first}` });
      i = j;
    }
  }
  return blocks;
}

/** Every file under examples/, as paths relative to the repository (examples/x/y.yml). */
export function exampleFiles(): string[] {
  return readdirSync(join(ROOT, 'examples'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(ROOT.length + 1))
    .sort();
}
