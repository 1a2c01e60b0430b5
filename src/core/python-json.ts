// json.dumps variants the dnadesign files use: compact + sorted (spool files), and the default
// separators, sorted (dry-run lines) or in insertion order (POST bodies). ASCII-escaped throughout.
// This is core/python-format's pythonJson with the per-value work cut down, because a catch-up
// dry run encodes one payload per record: strings that need no escape are copied whole (one native
// regex test), and keys are sorted with the default UTF-16 sort, which equals Python's code-point
// order unless a key holds a character outside printable ASCII (then the exact sort is used).
import { ExactInt, PyFloat, pythonFloat } from './python-format.js';

type Separators = { item: string; key: string };
const DEFAULT_SEPARATORS: Separators = { item: ', ', key: ': ' };
const COMPACT_SEPARATORS: Separators = { item: ',', key: ':' };

export function compactSortedJson(value: unknown): string {
  return encode(value, true, COMPACT_SEPARATORS);
}

/**
 * `trusted`: the caller knows no string in `value` (keys included) needs an escape, e.g. every
 * string came from an ASCII line without a backslash, so the per-string check is skipped.
 */
export function dryRunLine(value: unknown, trusted = false): string {
  return trusted ? encodeTrusted(value) : encode(value, true, DEFAULT_SEPARATORS);
}

/** A string as json.dumps writes it (ensure_ascii). */
export function encodeJsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? escapeString(s) : '"' + s + '"';
}

/** Whether `s` can be copied into JSON as is (printable ASCII, no quote or backslash). */
export function isPlainJsonString(s: string): boolean {
  return !NEEDS_ESCAPE.test(s);
}

// encode() for sorted keys, default separators and strings known to need no escape: the catch-up
// hot path, kept separate so the general encoder stays simple.
function encodeTrusted(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return '"' + v + '"';
    case 'number':
      return Number.isInteger(v) ? String(v) : pythonFloat(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  if (v instanceof PyFloat) return pythonFloat(v.value);
  if (v instanceof ExactInt) return v.text;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ', ' : '') + encodeTrusted(v[i]);
    return out + ']';
  }
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const k of keys) {
    const value = record[k];
    if (value === undefined) continue;
    out += (out.length > 1 ? ', "' : '"') + k + '": ' + encodeTrusted(value);
  }
  return out + '}';
}

/**
 * A request body as httpx writes Python's json (reference §3.0): compact, non-ASCII as is, and
 * numbers as the input wrote them (PyFloat keeps `.0`, ExactInt its digits), which JSON.stringify
 * cannot do.
 */
export function compactJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  // Every webhook body goes through here: a string that needs no escape is copied, not stringified.
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : '"' + v + '"';
  if (typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (v instanceof PyFloat) return Number.isFinite(v.value) ? pythonFloat(v.value) : 'null';
  if (v instanceof ExactInt) return v.text;
  if (Array.isArray(v)) return '[' + v.map(compactJson).join(',') + ']';
  const record = v as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(record)) {
    if (record[k] === undefined) continue;
    out += (out.length > 1 ? ',' : '') + (NEEDS_ESCAPE.test(k) ? JSON.stringify(k) : '"' + k + '"') + ':' + compactJson(record[k]);
  }
  return out + '}';
}

export function postBody(value: unknown): string {
  return encode(value, false, DEFAULT_SEPARATORS);
}

// Printable ASCII except '"' and '\\': copied as is under ensure_ascii.
const NEEDS_ESCAPE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

function encode(v: unknown, sortKeys: boolean, sep: Separators): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return NEEDS_ESCAPE.test(v) ? escapeString(v) : '"' + v + '"';
    case 'number':
      return Number.isInteger(v) ? String(v) : pythonFloat(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  if (v instanceof PyFloat) return pythonFloat(v.value);
  if (v instanceof ExactInt) return v.text;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? sep.item : '') + encode(v[i], sortKeys, sep);
    return out + ']';
  }
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record);
  if (sortKeys) {
    keys.sort();
    for (const k of keys) {
      if (NEEDS_ESCAPE.test(k)) {
        keys.sort(compareCodePoints);
        break;
      }
    }
  }
  let out = '{';
  let first = true;
  for (const k of keys) {
    const value = record[k];
    if (value === undefined) continue;
    out += (first ? '' : sep.item) + (NEEDS_ESCAPE.test(k) ? escapeString(k) : '"' + k + '"') + sep.key + encode(value, sortKeys, sep);
    first = false;
  }
  return out + '}';
}

function compareCodePoints(a: string, b: string): number {
  const aa = Array.from(a);
  const bb = Array.from(b);
  for (let i = 0; i < Math.min(aa.length, bb.length); i++) {
    const d = aa[i]!.codePointAt(0)! - bb[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return aa.length - bb.length;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function escapeString(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 34 && c !== 92) continue;
    out += s.slice(last, i) + (SHORT_ESCAPES[s[i]!] ?? '\\u' + c.toString(16).padStart(4, '0'));
    last = i + 1;
  }
  return out + s.slice(last) + '"';
}
