// Where Python's json.loads fails on a text, and the json.JSONDecodeError message it prints
// (`Expecting ',' delimiter: line 1 column 19 (char 18)`, reference/usr-events-and-profiles.md
// §1.7). V8's own messages name no position Python would give, so the text is scanned again the
// way CPython 3.12's C scanner walks it: the same order of checks, the same failing index. Only an
// invalid text comes here, so this walk never runs on the hot path. NaN and ±Infinity are values, as
// for Python. Python 3.13 words a trailing comma differently ("Illegal trailing comma before end of
// object"); dnadesign requires Python ≥ 3.12, and 3.12's messages are the ones given here.

export interface PythonJsonProblem {
  message: string;
  /** The failing index in code points (Python's `char`). */
  pos: number;
  line: number;
  column: number;
}

/** The JSONDecodeError text for `text`, or undefined when Python would accept it. */
export function pythonJsonErrorMessage(text: string): string | undefined {
  const problem = locatePythonJsonError(text);
  return problem && `${problem.message}: line ${problem.line} column ${problem.column} (char ${problem.pos})`;
}

export function locatePythonJsonError(text: string): PythonJsonProblem | undefined {
  const found = scan(text);
  if (!found) return undefined;
  // Python indexes code points; a JavaScript string indexes UTF-16 units.
  const before = text.slice(0, found.at);
  const pos = codePoints(before);
  const lastNewline = before.lastIndexOf('\n');
  const line = before.split('\n').length;
  const column = pos - (lastNewline === -1 ? -1 : codePoints(before.slice(0, lastNewline)));
  return { message: found.message, pos, line, column };
}

type Found = { message: string; at: number };

const EXPECTING_VALUE = 'Expecting value';
const EXPECTING_NAME = 'Expecting property name enclosed in double quotes';
const EXPECTING_COLON = "Expecting ':' delimiter";
const EXPECTING_COMMA = "Expecting ',' delimiter";
const UNTERMINATED = 'Unterminated string starting at';
const CONTROL = 'Invalid control character at';
const BAD_ESCAPE = 'Invalid \\escape';
const BAD_UNICODE_ESCAPE = 'Invalid \\uXXXX escape';
const LITERALS = ['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

// An explicit stack instead of recursion: a line of 100,000 '[' must not overflow ours.
function scan(s: string): Found | undefined {
  const n = s.length;
  // json.loads refuses a str that starts with a BOM before it scans anything.
  if (s.charCodeAt(0) === 0xfeff) return { message: 'Unexpected UTF-8 BOM (decode using utf-8-sig)', at: 0 };
  const open: string[] = [];
  let i = skipWhitespace(s, 0);
  let needValue = true;
  for (;;) {
    if (needValue) {
      if (i >= n) return { message: EXPECTING_VALUE, at: i };
      const c = s[i];
      if (c === '"') {
        const end = scanString(s, i + 1);
        if (typeof end !== 'number') return end;
        i = end;
      } else if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        i = skipWhitespace(s, i + 1);
        if (s[i] === close) {
          i++;
        } else {
          open.push(close);
          if (close === '}') {
            const next = scanKey(s, i);
            if (typeof next !== 'number') return next;
            i = next;
          }
          continue;
        }
      } else {
        const literal = LITERALS.find((l) => s.startsWith(l, i));
        if (literal) i += literal.length;
        else {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(s);
          if (!m) return { message: EXPECTING_VALUE, at: i };
          i += m[0].length;
        }
      }
      needValue = false;
    }
    if (!open.length) break;
    const close = open[open.length - 1]!;
    i = skipWhitespace(s, i);
    if (s[i] === close) {
      open.pop();
      i++;
      continue;
    }
    if (i >= n || s[i] !== ',') return { message: EXPECTING_COMMA, at: i };
    i = skipWhitespace(s, i + 1);
    if (close === '}') {
      const next = scanKey(s, i);
      if (typeof next !== 'number') return next;
      i = next;
    }
    needValue = true;
  }
  i = skipWhitespace(s, i);
  return i === n ? undefined : { message: 'Extra data', at: i };
}

/** A key, its ':' and the whitespace after: the index where the value starts. */
function scanKey(s: string, i: number): number | Found {
  if (s[i] !== '"') return { message: EXPECTING_NAME, at: i };
  const end = scanString(s, i + 1);
  if (typeof end !== 'number') return end;
  const colon = skipWhitespace(s, end);
  if (s[colon] !== ':') return { message: EXPECTING_COLON, at: colon };
  return skipWhitespace(s, colon + 1);
}

/** The index after the closing quote of a string whose body starts at `start` (strict mode). */
function scanString(s: string, start: number): number | Found {
  const n = s.length;
  const begin = start - 1;
  let i = start;
  for (;;) {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 34 || c === 92) break;
      if (c <= 0x1f) return { message: CONTROL, at: i };
      i++;
    }
    if (i >= n) return { message: UNTERMINATED, at: begin };
    if (s.charCodeAt(i) === 34) return i + 1;
    // A backslash.
    i++;
    if (i >= n) return { message: UNTERMINATED, at: begin };
    const escape = s[i]!;
    if (escape !== 'u') {
      if (!'"\\/bfnrt'.includes(escape)) return { message: BAD_ESCAPE, at: i - 1 };
      i++;
      continue;
    }
    // CPython wants four hex digits and at least one more character after them.
    if (i + 5 >= n || !/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) return { message: BAD_UNICODE_ESCAPE, at: i };
    const unit = parseInt(s.slice(i + 1, i + 5), 16);
    i += 5;
    // A high surrogate followed by another \u escape reads both (the second must be valid too).
    if (unit >= 0xd800 && unit <= 0xdbff && i + 6 < n && s[i] === '\\' && s[i + 1] === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return { message: BAD_UNICODE_ESCAPE, at: i + 1 };
      const low = parseInt(s.slice(i + 2, i + 6), 16);
      if (low >= 0xdc00 && low <= 0xdfff) i += 6;
    }
  }
}

function skipWhitespace(s: string, i: number): number {
  for (let c = s.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = s.charCodeAt(++i));
  return i;
}

function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
