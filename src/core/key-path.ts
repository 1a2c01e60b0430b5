// Key paths in the config ("notifications.sinks[2].url") and where they stand in the YAML text,
// so every configuration error can name the line and column.
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';

export type KeyPath = (string | number)[];

export function formatPath(path: KeyPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
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

export function startsWith(path: (string | number)[], prefix: (string | number)[]): boolean {
  return prefix.every((p, i) => path[i] === p);
}

export function samePath(a: (string | number)[], b: (string | number)[]): boolean {
  return a.length === b.length && startsWith(a, b);
}

