// Finds and replaces many literal strings at once, for the redactor. One RegExp built from every
// secret stops compiling past ~20–40 KB of secret text ("Regular expression too large", with the
// secrets in the message), so each literal is searched with the engine's native indexOf instead:
// the work is linear in the text per literal, whatever the literals' length, and nothing compiles.
//
// Most text holds no secret. A literal that contains a shorter one can only occur where the
// shorter one does (a webhook URL contains its token segment), so the presence check searches
// only the literals that contain no other: the sentinels. Replacement follows the old
// alternation's rule: leftmost match first, the longest literal at that position, then on from
// its end.

export interface Literal {
  text: string;
  replacement: string;
  /** Only where the literal stands alone: neither neighbour is a letter, digit or "_". */
  wholeValue: boolean;
}

export class LiteralMatcher {
  /** Longest first, so that at one position the longest literal wins. */
  private readonly literals: Literal[];
  private readonly sentinels: string[] = [];
  /** For each literal, a sentinel it contains: where that one is absent, the literal is too. */
  private readonly sentinelOf: number[];
  private sentinelBytes: Buffer[] | undefined;

  constructor(literals: Iterable<Literal>) {
    this.literals = [...literals].sort((a, b) => b.text.length - a.text.length);
    this.sentinelOf = new Array<number>(this.literals.length);
    for (let i = this.literals.length - 1; i >= 0; i--) {
      const text = this.literals[i]!.text;
      let sentinel = this.sentinels.findIndex((shorter) => text.includes(shorter));
      if (sentinel === -1) sentinel = this.sentinels.push(text) - 1;
      this.sentinelOf[i] = sentinel;
    }
  }

  /** False when no literal occurs in `text`; true means one may (a whole-value one may be inside a word). */
  mayOccurIn(text: string): boolean {
    for (const sentinel of this.sentinels) if (text.includes(sentinel)) return true;
    return false;
  }

  /** `mayOccurIn` over UTF-8 bytes, searched natively without decoding them. */
  mayOccurInBytes(bytes: Buffer): boolean {
    this.sentinelBytes ??= this.sentinels.map((s) => Buffer.from(s, 'utf8'));
    for (const sentinel of this.sentinelBytes) if (bytes.indexOf(sentinel) !== -1) return true;
    return false;
  }

  replace(text: string): string {
    const present = this.sentinels.map((sentinel) => text.includes(sentinel));
    if (!present.includes(true)) return text;
    const literals = this.literals;
    // next[i]: where literal i next occurs at or after the cursor (-1: nowhere).
    const next = literals.map((literal, i) => (present[this.sentinelOf[i]!] ? find(text, literal, 0) : -1));
    let out = '';
    let copied = 0;
    for (;;) {
      let best = -1;
      for (let i = 0; i < literals.length; i++) {
        if (next[i]! !== -1 && (best === -1 || next[i]! < next[best]!)) best = i;
      }
      if (best === -1) break;
      const at = next[best]!;
      const literal = literals[best]!;
      out += text.slice(copied, at) + literal.replacement;
      copied = at + literal.text.length;
      for (let i = 0; i < literals.length; i++) {
        if (next[i]! !== -1 && next[i]! < copied) next[i] = find(text, literals[i]!, copied);
      }
    }
    return copied ? out + text.slice(copied) : text;
  }
}

function find(text: string, literal: Literal, from: number): number {
  let at = text.indexOf(literal.text, from);
  if (!literal.wholeValue) return at;
  while (at !== -1 && !(isBoundaryBefore(text, at) && isBoundaryAfter(text, at + literal.text.length))) {
    at = text.indexOf(literal.text, at + 1);
  }
  return at;
}

function isBoundaryBefore(text: string, at: number): boolean {
  if (at === 0) return true;
  const code = text.charCodeAt(at - 1);
  // The character before may be the second half of a surrogate pair.
  const point = code >= 0xdc00 && code <= 0xdfff && at >= 2 ? text.codePointAt(at - 2)! : code;
  return !isWordCharacter(point);
}

function isBoundaryAfter(text: string, at: number): boolean {
  return at >= text.length || !isWordCharacter(text.codePointAt(at)!);
}

// Made on first use: V8 builds a Unicode property class when the regex is created, ~3 M
// instructions (more than a millisecond of every start) for text that is nearly always ASCII.
let nonAsciiWord: RegExp | undefined;

function isWordCharacter(point: number): boolean {
  if (point < 128) return (point >= 48 && point <= 57) || (point >= 65 && point <= 90) || (point >= 97 && point <= 122) || point === 95;
  return (nonAsciiWord ??= /[\p{L}\p{N}\p{M}]/u).test(String.fromCodePoint(point));
}
