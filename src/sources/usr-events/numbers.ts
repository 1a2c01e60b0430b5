// Python's int()/float()/str()/round() and "%.1f" semantics for pack messages (reference §5.7, §5.8).
import { ExactInt, PyFloat, pythonFixed, pythonFloat, pythonNonFinite } from '../../core/python-format.js';

export function isNumeric(v: unknown): boolean {
  return (typeof v === 'number' && !Number.isNaN(v)) || v instanceof PyFloat;
}

/** Python int(): ints, floats (truncated), integer strings; null and "12.5" are rejected. */
export function toPyInt(v: unknown): number | undefined {
  if (v instanceof PyFloat) v = v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v.trim());
  return undefined;
}

/** Python float(): numbers and numeric strings. */
export function toPyFloat(v: unknown): number | undefined {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
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
