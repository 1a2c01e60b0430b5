// A tolerant JSON reader for `.events.log` lines: Python writes NaN, Infinity and -Infinity as bare
// tokens (reference §1.3), which JSON.parse rejects. The fast path is plain JSON.parse; only a line
// that fails is rescanned. `keepFloats` marks whole floats (`10.0`) as PyFloat so they print back
// as Python would (§5.8), and integers beyond 2^53 as ExactInt (exact digits) — used only for what
// is echoed into payloads.
import { ExactInt, PyFloat } from './python-format.js';
import { pythonJsonErrorMessage } from './python-json-error.js';

const MARK = '\u0000pyf:';

export function parseRecordText(text: string, options: { keepFloats?: boolean } = {}): unknown {
  if (!options.keepFloats) {
    try {
      return JSON.parse(text);
    } catch {
      if (!/NaN|Infinity/.test(text)) throw pythonStyleError(text);
    }
  }
  const rewritten = rewriteTokens(text, Boolean(options.keepFloats));
  try {
    return JSON.parse(rewritten, reviveMarks(Boolean(options.keepFloats)));
  } catch {
    throw pythonStyleError(text);
  }
}

function reviveMarks(keepFloats: boolean) {
  return (_key: string, value: unknown): unknown => {
    if (typeof value !== 'string' || !value.startsWith(MARK)) return value;
    const token = value.slice(MARK.length);
    const number = token === 'NaN' ? NaN : token === 'Infinity' ? Infinity : token === '-Infinity' ? -Infinity : Number(token);
    if (keepFloats && /^-?\d+$/.test(token)) return new ExactInt(token);
    return keepFloats ? new PyFloat(number) : number;
  };
}

/** Replaces NaN/±Infinity (and, with keepFloats, numbers with a fraction or exponent) outside strings. */
function rewriteTokens(text: string, keepFloats: boolean): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // skip a string
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      continue;
    }
    let token: string | undefined;
    if (c === 78 && text.startsWith('NaN', i)) token = 'NaN';
    else if (c === 73 && text.startsWith('Infinity', i)) token = 'Infinity';
    else if (c === 45 && text.startsWith('-Infinity', i)) token = '-Infinity';
    else if (keepFloats && (c === 45 || (c >= 48 && c <= 57))) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 40));
      // A whole float keeps its ".0"; an integer beyond 2^53 keeps its digits.
      if (m && (m[1] || m[2] || (m[0].length > 15 && !Number.isSafeInteger(Number(m[0]))))) token = m[0];
      else if (m) {
        i += m[0].length;
        continue;
      }
    }
    if (token) {
      out += text.slice(last, i) + JSON.stringify(MARK + token);
      i += token.length;
      last = i;
      continue;
    }
    i++;
  }
  return out + text.slice(last);
}

/** Python's json.JSONDecodeError text for a text JSON.parse refused (its own message has no position Python would give). */
export function pythonStyleError(text: string): Error {
  return new Error(pythonJsonErrorMessage(text) ?? 'Expecting value: line 1 column 1 (char 0)');
}
