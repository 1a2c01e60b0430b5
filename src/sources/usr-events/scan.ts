// A validating scan of one `.events.log` line that materialises only the top-level fields the
// default payload reads, for the catch-up hot path: JSON.parse builds every nested object and
// string (args alone is most of a record), and that cost more than everything else a dry run
// does. The scan accepts exactly what JSON.parse accepts — it checks the whole grammar, strings
// found with native indexOf — and gives up (undefined) on anything unusual: NaN/Infinity tokens,
// control characters, duplicate or `__proto__` keys, or invalid JSON. The caller then uses the full
// parser, which also words the error, so a line's outcome never depends on which path ran.

/** Top-level fields that are built; every other one is only validated. */
const WANTED = new Set(['event_version', 'timestamp_utc', 'action', 'dataset', 'metrics', 'fingerprint', 'registry_hash', 'actor', 'version']);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f]/;

class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

/** `text` is a trimmed line. Undefined: use the full parser. */
export function scanRecord(text: string): Record<string, unknown> | undefined {
  if (text.charCodeAt(0) !== 123 || CONTROL.test(text)) return undefined;
  try {
    const s = new Scanner(text);
    const record = s.object(true);
    if (s.i !== text.length) return undefined;
    return record;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

class Scanner {
  i = 0;
  constructor(private readonly t: string) {}

  private ws(): void {
    let c = this.t.charCodeAt(this.i);
    while (c === 32) c = this.t.charCodeAt(++this.i);
  }

  private expect(code: number): void {
    this.ws();
    if (this.t.charCodeAt(this.i) !== code) throw GIVE_UP;
    this.i++;
  }

  /** At "{". Top level: builds the wanted fields only; nested: builds everything. */
  object(top: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (this.t.charCodeAt(this.i) === 125) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      const key = this.string();
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP;
      this.expect(58);
      this.ws();
      // A skipped key may repeat (JSON.parse would keep the last; nothing here reads it).
      if (!top || WANTED.has(key)) out[key] = this.value();
      else this.skip();
      this.ws();
      const c = this.t.charCodeAt(this.i++);
      if (c === 125) return out;
      if (c !== 44) throw GIVE_UP;
    }
  }

  /** At '"'. */
  string(): string {
    const t = this.t;
    const start = this.i;
    if (t.charCodeAt(start) !== 34) throw GIVE_UP;
    const close = t.indexOf('"', start + 1);
    if (close === -1) throw GIVE_UP;
    const slash = t.indexOf('\\', start + 1);
    if (slash === -1 || slash > close) {
      this.i = close + 1;
      return t.slice(start + 1, close);
    }
    // Escapes: find the real end, then let JSON.parse decode (and validate) the token.
    let j = slash;
    for (;;) {
      const c = t.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 34) break;
      else if (Number.isNaN(c)) throw GIVE_UP;
      else j++;
    }
    this.i = j + 1;
    try {
      return JSON.parse(t.slice(start, j + 1)) as string;
    } catch {
      throw GIVE_UP;
    }
  }

  value(): unknown {
    const c = this.t.charCodeAt(this.i);
    if (c === 34) return this.string();
    if (c === 123) return this.object(false);
    if (c === 91) {
      const out: unknown[] = [];
      this.i++;
      this.ws();
      if (this.t.charCodeAt(this.i) === 93) {
        this.i++;
        return out;
      }
      for (;;) {
        this.ws();
        out.push(this.value());
        this.ws();
        const d = this.t.charCodeAt(this.i++);
        if (d === 93) return out;
        if (d !== 44) throw GIVE_UP;
      }
    }
    if (c === 116) return this.literal('true', true);
    if (c === 102) return this.literal('false', false);
    if (c === 110) return this.literal('null', null);
    const start = this.i;
    this.number();
    return Number(this.t.slice(start, this.i));
  }

  /** Validates a value without building it (large strings are one indexOf). */
  skip(): void {
    const c = this.t.charCodeAt(this.i);
    if (c === 34) {
      this.string();
      return;
    }
    if (c === 123 || c === 91) {
      const close = c === 123 ? 125 : 93;
      this.i++;
      this.ws();
      if (this.t.charCodeAt(this.i) === close) {
        this.i++;
        return;
      }
      for (;;) {
        this.ws();
        if (c === 123) {
          this.string();
          this.expect(58);
          this.ws();
        }
        this.skip();
        this.ws();
        const d = this.t.charCodeAt(this.i++);
        if (d === close) return;
        if (d !== 44) throw GIVE_UP;
      }
    }
    if (c === 116) this.literal('true', true);
    else if (c === 102) this.literal('false', false);
    else if (c === 110) this.literal('null', null);
    else this.number();
  }

  private literal<T>(word: string, value: T): T {
    if (!this.t.startsWith(word, this.i)) throw GIVE_UP;
    this.i += word.length;
    return value;
  }

  /** JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
  private number(): void {
    const t = this.t;
    let c = t.charCodeAt(this.i);
    if (c === 45) c = t.charCodeAt(++this.i);
    if (c === 48) c = t.charCodeAt(++this.i);
    else if (c >= 49 && c <= 57) c = this.digits();
    else throw GIVE_UP;
    if (c === 46) {
      c = t.charCodeAt(++this.i);
      if (!(c >= 48 && c <= 57)) throw GIVE_UP;
      c = this.digits();
    }
    if (c === 101 || c === 69) {
      c = t.charCodeAt(++this.i);
      if (c === 43 || c === 45) c = t.charCodeAt(++this.i);
      if (!(c >= 48 && c <= 57)) throw GIVE_UP;
      this.digits();
    }
  }

  private digits(): number {
    let c = this.t.charCodeAt(this.i);
    while (c >= 48 && c <= 57) c = this.t.charCodeAt(++this.i);
    return c;
  }
}
