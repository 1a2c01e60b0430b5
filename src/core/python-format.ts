// Python-compatible number and JSON formatting, for byte compatibility with files and hashes the
// Python prior systems write (reference/lifecycle-notifications.md §4.4, §5.3, §10.20).

/** Python's "%.<digits>f": rounds half-to-even on the exact binary value (JS toFixed rounds ties up). */
export function pythonFixed(value: number, digits: number): string {
  // Python's '%.1f' % nan is 'nan' (and 'inf', '-inf'), not JavaScript's NaN/Infinity.
  if (!Number.isFinite(value)) return pythonNonFinite(value);
  // toFixed also rounds the exact binary value; it differs from Python only at an exact tie
  // (Python rounds half to even), which needs the digit after the last kept one to be a 5
  // followed by nothing. Values near such a tie take the exact path below.
  const magnitude = Math.abs(value);
  // Doubles this large are whole numbers; toFixed would switch to exponent notation.
  if (magnitude >= 1e21) return (value < 0 ? '-' : '') + BigInt(magnitude).toString() + (digits > 0 ? '.' + '0'.repeat(digits) : '');
  {
    const scaled = magnitude * 10 ** digits;
    if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6) {
      const text = magnitude.toFixed(digits);
      return (value < 0 && /[1-9]/.test(text) ? '-' : '') + text;
    }
  }
  const exact = Math.abs(value).toFixed(100); // exact decimal expansion of the double
  const [intPart, frac] = exact.split('.') as [string, string];
  const kept = frac.slice(0, digits);
  const rest = frac.slice(digits);
  let digitsStr = intPart + kept;
  const first = rest[0] ?? '0';
  const tail = rest.slice(1);
  const isTie = first === '5' && /^0*$/.test(tail);
  const lastDigit = Number(digitsStr[digitsStr.length - 1] ?? '0');
  const roundUp = first > '5' || (first === '5' && !isTie) || (isTie && lastDigit % 2 === 1);
  if (roundUp) digitsStr = incrementDecimal(digitsStr);
  const whole = digitsStr.slice(0, digitsStr.length - digits) || '0';
  const fraction = digits > 0 ? '.' + digitsStr.slice(digitsStr.length - digits) : '';
  const negative = value < 0 && /[1-9]/.test(digitsStr);
  return (negative ? '-' : '') + whole + fraction;
}

function incrementDecimal(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') {
      chars[i] = '0';
    } else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return '1' + chars.join('');
}

/** repr() of a Python float: shortest round-trip digits, always with a fraction or exponent. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  const text = String(value);
  // Without an exponent (every timestamp), no regex: this runs once or twice per delivery.
  if (!text.includes('e')) return text.includes('.') ? text : `${text}.0`;
  // JS writes 1e+21 where Python writes 1e+21 too; small exponents match ("1e-07").
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

export type PyJsonOptions = { sortKeys?: boolean; ensureAscii?: boolean };

/**
 * json.dumps with Python's default separators (", " and ": "). Numbers marked as floats by the
 * caller keep ".0"; plain JS numbers that are integers print as integers.
 */
export function pythonJson(value: unknown, options: PyJsonOptions = {}): string {
  const { sortKeys = false, ensureAscii = true } = options;
  const encode = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (v instanceof PyFloat) return pythonFloat(v.value);
    if (v instanceof ExactInt) return v.text;
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pythonFloat(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'string') return encodeString(v, ensureAscii);
    if (Array.isArray(v)) return '[' + v.map(encode).join(', ') + ']';
    if (typeof v === 'object') {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record);
      if (sortKeys) sortCodePoints(keys);
      let out = '';
      for (const k of keys) {
        const item = record[k];
        if (item === undefined) continue;
        out += `${out ? ', ' : ''}${encodeString(k, ensureAscii)}: ${encode(item)}`;
      }
      return `{${out}}`;
    }
    return 'null';
  };
  return encode(value);
}

/** An integer beyond 2^53, kept as its digits so it prints exactly (Python ints are unbounded). */
export class ExactInt {
  constructor(readonly text: string) {}
  toJSON(): number {
    return Number(this.text);
  }
  toString(): string {
    return this.text;
  }
}

/** A number that Python would hold as a float, so it prints with ".0" when whole. */
export class PyFloat {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
  toString(): string {
    return pythonFloat(this.value);
  }
}

/** A UTF-16 surrogate: the only units whose order differs from their code points' order. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Python sorts str keys by code point; JS default sort compares UTF-16 units. They differ only
 * for astral characters, which keys practically never contain, but stay exact anyway.
 */
function sortCodePoints(keys: string[]): void {
  if (keys.some((k) => SURROGATE.test(k))) keys.sort(compareCodePoints);
  else keys.sort();
}

function compareCodePoints(a: string, b: string): number {
  const aa = Array.from(a);
  const bb = Array.from(b);
  for (let i = 0; i < Math.min(aa.length, bb.length); i++) {
    const d = (aa[i]!.codePointAt(0) ?? 0) - (bb[i]!.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return aa.length - bb.length;
}

/** Strings that need no escape at all (the common case: ids, names, timestamps, hex). */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function encodeString(s: string, ensureAscii: boolean): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** str() / "%f" of a non-finite Python float. */
export function pythonNonFinite(value: number): string {
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}
