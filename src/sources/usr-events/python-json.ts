// json.dumps variants the dnadesign files use: compact + sorted (spool files), and the default
// separators, sorted (dry-run lines) or in insertion order (POST bodies). ASCII-escaped throughout.
import { pythonJson } from '../../core/python-format.js';

export function compactSortedJson(value: unknown): string {
  return compact(value);
}

function compact(v: unknown): string {
  // pythonJson with ", "/": " separators, then re-spaced outside strings would be fragile; encode directly.
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) {
    if (Array.isArray(v)) return '[' + v.map(compact).join(',') + ']';
    return pythonJson(v);
  }
  if ('toJSON' in (v as object) && typeof (v as { toJSON: unknown }).toJSON === 'function' && !(v instanceof Date)) return pythonJson(v);
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return '{' + keys.map((k) => `${pythonJson(k)}:${compact(record[k])}`).join(',') + '}';
}

export function dryRunLine(value: unknown): string {
  return pythonJson(value, { sortKeys: true });
}

export function postBody(value: unknown): string {
  return pythonJson(value);
}
