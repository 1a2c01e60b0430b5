// A config written as YAML text: parsed with positions, so that every problem the check finds
// names its line and column. Imported only when there is text to read (the embedded default is a
// tree already, and a run on it does not load the YAML parser).
import type { Document, LineCounter } from 'yaml';
import { locate, MAX_YAML_ALIASES, parseYamlTree } from '../core/yaml-tree.js';
import type { Locate } from './check.js';

export interface ConfigText {
  root: unknown;
  where: Locate;
}

// `validate` reads its config twice (as given, then judged as `send` would judge it), and parsing
// the YAML is most of a config load: the last text is parsed once, and each read gets its own tree.
let last: { text: string; file: string | null; doc: Document; lineCounter: LineCounter } | undefined;

export function readConfigText(text: string, file: string | null): ConfigText {
  if (last?.text === text && last.file === file) {
    const { doc, lineCounter } = last;
    return { root: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }), where: (path) => locate(doc, lineCounter, path) };
  }
  // PyYAML keeps the last of two equal keys; Bernstein's sections outside `notifications:` may have
  // them. Inside the block (and a second `notifications:`) a duplicate stays an error: one of the
  // two sinks or settings would be silently lost.
  const { doc, lineCounter, root } = parseYamlTree(text, file ?? '(embedded default config)', (e, d) => e.code === 'DUPLICATE_KEY' && !insideNotifications(d, e.pos[0]));
  last = { text, file, doc, lineCounter };
  return { root, where: (path) => locate(doc, lineCounter, path) };
}

function insideNotifications(doc: Document, offset: number): boolean {
  const items = (doc.contents as { items?: { key?: { value?: unknown; range?: number[] }; value?: { range?: number[] } }[] } | null)?.items ?? [];
  return items.some((pair) => pair.key?.value === 'notifications' && offset >= (pair.key.range?.[0] ?? Infinity) && offset <= (pair.value?.range?.[2] ?? pair.key.range?.[2] ?? -1));
}

