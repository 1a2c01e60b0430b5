// Python's int()/float()/str()/round() and "%.1f" semantics for pack messages (reference §5.7, §5.8).
import { ExactInt, PyFloat, pythonFixed, pythonFloat, pythonNonFinite } from '../../core/python-format.js';

/** Python int(): ints, floats (truncated), integer strings; null and "12.5" are rejected. */
export function toPyInt(v: unknown): number | undefined {
  if (v instanceof PyFloat) v = v.value;
  if (v instanceof ExactInt) return Number(v.text);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v.trim());
  return undefined;
}

/** Python float(): numbers (NaN too), decimal strings and Python's "nan"/"inf"/"infinity". */
export function toPyFloat(v: unknown): number | undefined {
  if (v instanceof PyFloat) return v.value;
  if (v instanceof ExactInt) return Number(v.text);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const text = v.trim();
  const special = /^([+-]?)(nan|inf|infinity)$/i.exec(text);
  if (special) return special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/**
 * Python int() as an exact bigint, for what a message prints: an integer beyond 2^53 (ExactInt)
 * keeps its digits, a float is truncated exactly (int(1e21) is 1000000000000000000000).
 */
export function toPyBigInt(v: unknown): bigint | undefined {
  if (v instanceof ExactInt) return BigInt(v.text);
  if (v instanceof PyFloat) v = v.value;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : undefined;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return BigInt(v.trim());
  return undefined;
}

/** Python's max(0.0, min(100.0, pct)): a NaN percentage counts as 100 (min keeps its first argument). */
export function clampPct(pct: number): number {
  return Number.isNaN(pct) ? 100 : Math.min(100, Math.max(0, pct));
}

export function fixed1(v: number): string {
  return pythonFixed(v, 1);
}

/** Python round() to an integer: half to even. */
export function pyRound(v: number): number {
  return Number(pythonFixed(v, 0));
}

/** HH:MM:SS with hours past 24, rounded half-to-even, clamped at 0. */
export function hms(seconds: number): string {
  const total = Math.max(0, pyRound(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Python str() of a JSON value. */
export function pyStr(v: unknown): string {
  // Python's str(): nan, inf, -inf.
  if (v instanceof PyFloat) return Number.isFinite(v.value) ? pythonFloat(v.value) : pythonNonFinite(v.value);
  if (typeof v === 'number' && !Number.isFinite(v)) return pythonNonFinite(v);
  if (v instanceof ExactInt) return v.text;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pythonFloat(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Event time in seconds: ISO 8601 with Z or an offset; naive is UTC; unparseable → wall clock. */
export function eventTimeSeconds(timestamp: unknown, nowMs: number): number {
  if (typeof timestamp !== 'string') return nowMs / 1000;
  // Every record with a pack handler asks: the writer's own form is read digit by digit (no regex,
  // no string built); any other form takes the general path, which gives the same number for it.
  const fast = writerTimeSeconds(timestamp);
  if (fast !== undefined) return Number.isNaN(fast) ? nowMs / 1000 : fast;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(timestamp.trim());
  if (m) {
    const frac = m[3] ? Number(m[3]) : 0;
    const zone = !m[4] || m[4] === 'Z' ? 'Z' : m[4].length === 5 ? `${m[4].slice(0, 3)}:${m[4].slice(3)}` : m[4];
    const wholeMs = Date.parse(`${m[1]}T${m[2]}${zone}`);
    if (!Number.isNaN(wholeMs)) return wholeMs / 1000 + frac;
  }
  return nowMs / 1000;
}

/**
 * `YYYY-MM-DD[T ]hh:mm:ss[.f{1,15}][Z|+00:00]` with hh ≤ 23, mm and ss ≤ 59, in seconds: what
 * Date.parse of the whole second gives, plus the fraction (digits / 10^k is the same double as
 * Number(".digits"): both are the correctly rounded value of one rational). NaN for a date
 * Date.parse rejects (the caller falls back to the wall clock, as the general path does);
 * undefined for any other form.
 */
function writerTimeSeconds(t: string): number | undefined {
  const n = t.length;
  if (n < 19 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return undefined;
  const sep = t.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return undefined;
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 7);
  const day = digits(t, 8, 10);
  const hour = digits(t, 11, 13);
  const minute = digits(t, 14, 16);
  const second = digits(t, 17, 19);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let i = 19;
  let frac = 0;
  if (i < n && t.charCodeAt(i) === 46) {
    let end = i + 1;
    while (end < n && isDigit(t.charCodeAt(end))) end++;
    const count = end - i - 1;
    if (count === 0 || count > 15) return undefined;
    frac = digits(t, i + 1, end) / 10 ** count;
    i = end;
  }
  if (i < n && !(i === n - 1 && t.charCodeAt(i) === 90) && !(i === n - 6 && t.endsWith('+00:00'))) return undefined;
  const dateKey = (year * 100 + month) * 100 + day;
  if (dateKey !== lastDateKey) {
    lastDateKey = dateKey;
    lastDateMs = Date.parse(`${t.slice(0, 10)}T00:00:00Z`);
  }
  if (Number.isNaN(lastDateMs)) return Number.NaN;
  return (lastDateMs + ((hour * 60 + minute) * 60 + second) * 1000) / 1000 + frac;
}

// Consecutive records mostly share their day: Date.parse once per day.
let lastDateKey = -1;
let lastDateMs = Number.NaN;

/** Whether a UTF-16 code unit is an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The decimal value of t[start, end), or -1 if a character there is not a digit. */
function digits(t: string, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}
