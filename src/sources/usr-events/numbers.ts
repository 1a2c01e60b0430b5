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
  if (typeof timestamp === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(timestamp.trim());
    if (m) {
      const frac = m[3] ? Number(m[3]) : 0;
      const zone = !m[4] || m[4] === 'Z' ? 'Z' : m[4].length === 5 ? `${m[4].slice(0, 3)}:${m[4].slice(3)}` : m[4];
      const whole = `${m[1]}T${m[2]}${zone}`;
      // Consecutive records mostly share their whole second: Date.parse once per second.
      if (whole !== lastWhole) {
        lastWhole = whole;
        lastWholeMs = Date.parse(whole);
      }
      if (!Number.isNaN(lastWholeMs)) return lastWholeMs / 1000 + frac;
    }
  }
  return nowMs / 1000;
}

let lastWhole = '';
let lastWholeMs = Number.NaN;
