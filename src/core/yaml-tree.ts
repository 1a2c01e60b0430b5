// Parsing YAML a user or a repository wrote, with every way it can go wrong as a ConfigError
// naming the file and line: syntax, a tag Herald does not resolve (`!!python/object:…` is a
// Python-only constructor; the yaml package would otherwise print its own process warning), an
// alias bomb (a few lines expanding to billions of nodes) and nesting deep enough to exhaust the
// stack.
import { isMap, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { KeyPath } from './key-path.js';
import { ConfigError } from './errors.js';

/** Aliases one document may expand: real configs use a handful (shared headers, filters). */
export const MAX_YAML_ALIASES = 100;

export interface YamlTree {
  doc: Document;
  lineCounter: LineCounter;
  root: unknown;
}

/** `tolerate` lets a caller accept an error PyYAML accepts (a duplicate key outside Herald's block). */
export function parseYamlTree(text: string, file: string, tolerate: (error: YAMLError, doc: Document) => boolean = () => false): YamlTree {
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    throw tooDeep(error, file);
  }
  if (doc.errors.some((e) => /Maximum call stack/.test(e.message))) throw tooDeep(new RangeError('stack'), file);
  const errors = doc.errors.filter((e) => !tolerate(e, doc));
  if (errors.length) {
    const first = errors[0]!;
    const pos = first.linePos?.[0];
    throw new ConfigError(`invalid YAML: ${firstLine(first.message)}`, { file, line: pos?.line, column: pos?.col, fix: 'fix the YAML syntax at that position' });
  }
  const tagWarning = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tagWarning) {
    const pos = tagWarning.linePos?.[0];
    const tag = /Unresolved tag: (\S+)/.exec(tagWarning.message)?.[1]?.replace(/^tag:yaml\.org,2002:/, '!!') ?? 'a tag';
    throw new ConfigError(`unsupported YAML tag ${tag}`, { file, line: pos?.line, column: pos?.col, fix: 'Herald reads plain YAML: remove the tag (language-specific tags such as !!python/… are never executed)' });
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (/alias count/i.test((error as Error).message)) {
      throw new ConfigError(`too many YAML aliases (more than ${MAX_YAML_ALIASES} expansions)`, { file, fix: 'write the repeated values out, or use fewer *aliases' });
    }
    throw tooDeep(error, file);
  }
  return { doc, lineCounter, root };
}

function tooDeep(error: unknown, file: string): Error {
  if (error instanceof RangeError) return new ConfigError('the YAML is nested too deeply to read', { file, fix: 'flatten the nesting' });
  return error as Error;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Line and column of a key (when the path ends on one) or of its value. */
export function locate(doc: Document, lines: LineCounter, path: KeyPath): { line?: number; column?: number } {
  // Point at the key when the path ends on one, else at the value.
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    if (range) return toPos(lines, range[0]);
  }
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (node?.range) return toPos(lines, node.range[0]);
  if (parentPath.length) return locate(doc, lines, parentPath);
  return {};
}

function toPos(lines: LineCounter, offset: number): { line: number; column: number } {
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
