// Secrets never reach logs, dry-run output, state files, dead letters or errors. Every value that
// came from ${VAR} or a secret-bearing key is registered here, with the forms it can appear in:
// a webhook URL shows only its scheme and host, and each secret-bearing part of it is hidden on its
// own too, because services echo parts (Express's 404 says `Cannot POST /hooks/TOKEN`).
import { LiteralMatcher, type Literal } from './literal-matcher.js';

/** Shorter values ("1", "on", "ops") would blank out ordinary text if hidden wherever they occur. */
export const MIN_SECRET_LENGTH = 6;
/**
 * A shorter secret used as a value (a header, a token, a URL part) is hidden where it stands
 * alone, between non-word characters; below this length even that would blank out ordinary words.
 */
export const MIN_VALUE_LENGTH = 3;
// A URL's path is hidden on its own only when it is long enough to carry a token: Slack's
// /services/T…/B…/… and Discord's /api/webhooks/…/… are; "/herald" is not, and would blank out
// every file path that contains the word.
const MIN_SECRET_PATH_LENGTH = 16;
// A path segment carries a token when it is this long and not made of words: Discord's id and
// token, Slack's last part and Telegram's bot<id>:<token> are; "webhooks", "services",
// "sendMessage" and "incoming-webhook" are not.
const MIN_SECRET_SEGMENT_LENGTH = 8;
// Query parameters whose value is a credential however short (`?key=ab1`), by the words of
// their name: `access_token`, `apiKey`, `sig`.
const SECRET_NAME_WORDS = new Set(['token', 'key', 'apikey', 'secret', 'sig', 'signature', 'hmac', 'pass', 'password', 'passwd', 'pwd', 'auth', 'code', 'credential', 'credentials', 'session', 'sid']);
const NOT_A_SECRET = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'null', 'none']);

/** How a registered secret is hidden: wherever it occurs, only where it stands alone, or not at all. */
export type Redaction = 'anywhere' | 'as-value' | 'not-redacted';

export class Redactor {
  private readonly literals = new Map<string, Literal>();
  private matcher: LiteralMatcher | null = null;

  /** Registers a secret, hidden wherever it occurs; a URL with its parts. Shorter than MIN_SECRET_LENGTH is not hidden: see addValue. */
  add(secret: string | undefined | null): void {
    if (!secret) return;
    const url = parseUrl(secret);
    if (url) return this.addUrl(secret, url);
    if (secret.length < MIN_SECRET_LENGTH) return;
    this.put(secret, '***');
    // Basic credentials often arrive base64-encoded; hide the decoded form's pieces as well.
    const colon = secret.indexOf(':');
    if (colon > 0 && secret.length - colon - 1 >= MIN_SECRET_LENGTH) this.put(secret.slice(colon + 1), '***');
  }

  /**
   * Registers a secret that is used as a value (a header value, a token, a URL part). Long enough,
   * it is hidden wherever it occurs, as `add` does; from MIN_VALUE_LENGTH to MIN_SECRET_LENGTH - 1
   * characters, only where it stands alone (`X-Key: ab12c` and `"ab12c"`, not `cab12cd`).
   */
  addValue(secret: string | undefined | null): void {
    if (!secret) return;
    if (secret.length >= MIN_SECRET_LENGTH || parseUrl(secret)) return this.add(secret);
    if (secret.length >= MIN_VALUE_LENGTH) this.put(secret, '***', true);
  }

  addAll(secrets: Iterable<string>): void {
    for (const s of secrets) this.add(s);
  }

  /** True for a secret too short to be hidden wherever it occurs (what `validate` warns about). */
  isTooShort(secret: string): boolean {
    return !parseUrl(secret) && secret.length < MIN_SECRET_LENGTH;
  }

  /** How `secret` is hidden now: 'as-value' after `addValue` of a short one, 'not-redacted' when it never will be. */
  redactionOf(secret: string): Redaction {
    const literal = this.literals.get(secret);
    if (!literal) return 'not-redacted';
    return literal.wholeValue ? 'as-value' : 'anywhere';
  }

  get size(): number {
    return this.literals.size;
  }

  /** The strings hidden wherever they occur (short values hidden only as values are left out: masking them everywhere would blank out words). */
  secrets(): string[] {
    return [...this.literals.values()].filter((l) => !l.wholeValue).map((l) => l.text);
  }

  redact(text: string): string {
    if (!this.literals.size || !text) return text;
    return this.match().replace(text);
  }

  /**
   * Redacts UTF-8 bytes. Output that holds no secret, the usual case, comes back as it is: a
   * native byte search per secret, instead of decoding a large batch to a string and back.
   */
  redactBytes(bytes: Buffer): Buffer {
    if (!this.literals.size || !this.match().mayOccurInBytes(bytes)) return bytes;
    const text = bytes.toString('utf8');
    const redacted = this.match().replace(text);
    return redacted === text ? bytes : Buffer.from(redacted);
  }

  /** Redacts every string inside a JSON-like value. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    // A secret number (a Telegram chat id from \${VAR}) becomes the string "***", so JSON stays valid.
    if (typeof value === 'number' && this.redact(String(value)) !== String(value)) return this.redact(String(value)) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object' && value.constructor === Object) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.redactDeep(v);
      return out as T;
    }
    return value;
  }

  private match(): LiteralMatcher {
    this.matcher ??= new LiteralMatcher(this.literals.values());
    return this.matcher;
  }

  private addUrl(secret: string, url: URL): void {
    const site = `${url.protocol}//${url.host}`;
    this.put(secret, `${site}/***`);
    // Parts are taken from the URL as written and as normalised (percent-encoded), each also
    // decoded: a service may echo any of these forms.
    const raw = rawParts(secret);
    const queries = new Set([raw.query, url.search]);
    for (const path of new Set([raw.path, url.pathname])) {
      const tokens = path.split('/').flatMap(forms).filter(carriesToken);
      for (const token of tokens) this.put(token, '***');
      if (tokens.length || path.length >= MIN_SECRET_PATH_LENGTH) {
        this.put(path, '/***');
        this.put(site + path, `${site}/***`);
      }
      for (const query of queries) {
        if ((path + query).length >= MIN_SECRET_PATH_LENGTH) this.put(path + query, '/***');
        // The URL as an error message may print it: without its user part or fragment.
        if (path.length > 1 || query) this.put(site + path + query, `${site}/***`);
      }
    }
    for (const query of queries) {
      if (query.length > MIN_SECRET_PATH_LENGTH) this.put(query.slice(1), '***');
      for (const pair of query.slice(1).split('&')) {
        const equals = pair.indexOf('=');
        if (equals === -1) continue;
        const name = pair.slice(0, equals);
        for (const value of forms(pair.slice(equals + 1))) {
          if (isSecretName(name) && !NOT_A_SECRET.has(value.toLowerCase())) this.addValue(value);
          else if (value.length >= MIN_SECRET_LENGTH && !isWords(value)) this.put(value, '***');
        }
      }
    }
    this.addUserinfo(raw.username, raw.password);
    this.addUserinfo(url.username, url.password);
  }

  private addUserinfo(username: string, password: string | undefined): void {
    if (password) {
      for (const form of forms(password)) this.addValue(form);
      this.put(`${username}:${password}@`, '***@');
      this.put(`${username}:${password}`, '***');
      for (const form of forms(username)) if (carriesToken(form)) this.put(form, '***');
    } else if (username && carriesToken(username)) {
      // A token-like user part alone is the credential (https://TOKEN@host/); "git@" is not.
      for (const form of forms(username)) this.put(form, '***');
      this.put(`${username}@`, '***@');
    }
  }

  private put(secret: string, replacement: string, wholeValue = false): void {
    if (!secret) return;
    const existing = this.literals.get(secret);
    // Hidden wherever it occurs wins over hidden only as a value.
    if (existing && (existing.wholeValue === wholeValue || !existing.wholeValue)) return;
    this.literals.set(secret, { text: secret, replacement, wholeValue });
    this.matcher = null;
  }
}

function parseUrl(text: string): URL | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The path, query (with its "?") and userinfo as written, before URL normalises them. */
function rawParts(text: string): { path: string; query: string; username: string; password: string | undefined } {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/i.exec(text);
  const authority = match?.[1] ?? '';
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? '' : authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  return {
    path: match?.[2] ?? '',
    query: match?.[3] ?? '',
    username: colon === -1 ? userinfo : userinfo.slice(0, colon),
    password: colon === -1 ? undefined : userinfo.slice(colon + 1),
  };
}

/** A URL part as written and percent-decoded (query values also with "+" as a space). */
function forms(part: string): string[] {
  const out = new Set([part]);
  for (const text of [part, part.replace(/\+/g, ' ')]) {
    try {
      out.add(decodeURIComponent(text));
    } catch {
      // A stray "%" leaves the part as written.
    }
  }
  return [...out].filter(Boolean);
}

function isSecretName(name: string): boolean {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return words.some((word) => SECRET_NAME_WORDS.has(word));
}

function carriesToken(segment: string): boolean {
  return segment.length >= MIN_SECRET_SEGMENT_LENGTH && !isWords(segment);
}

/** Letters only, in pieces shorter than a token, joined by "-", "_", "." or "~". */
function isWords(text: string): boolean {
  return text.split(/[-_.~]/).every((piece) => piece.length < 16 && /^[A-Za-z]*$/.test(piece));
}
