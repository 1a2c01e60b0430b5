// Secrets never reach logs, dry-run output, state files, dead letters or errors. Every value that
// came from ${VAR} or a secret-bearing key is registered here, with the forms it can appear in
// (a webhook URL shows only its scheme and host; its path alone is hidden too).

const MIN_SECRET_LENGTH = 6; // shorter values ("1", "on", "ops") would blank out ordinary text
// A URL's path is hidden on its own only when it is long enough to carry a token: Slack's
// /services/T…/B…/… and Discord's /api/webhooks/…/… are; "/herald" is not, and would blank out
// every file path that contains the word.
const MIN_SECRET_PATH_LENGTH = 16;

export class Redactor {
  private readonly replacements = new Map<string, string>();
  private pattern: RegExp | null = null;

  add(secret: string | undefined | null): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return;
    const url = parseUrl(secret);
    if (url) {
      const hidden = `${url.protocol}//${url.host}/***`;
      this.put(secret, hidden);
      const pathAndQuery = url.pathname + url.search;
      if (pathAndQuery.length >= MIN_SECRET_PATH_LENGTH) this.put(pathAndQuery, '/***');
      if (url.password) this.put(decodeURIComponent(url.password), '***');
      if (url.username && url.password) this.put(`${url.username}:${url.password}@`, '***@');
    } else {
      this.put(secret, '***');
      // Basic credentials often arrive base64-encoded; hide the decoded form's pieces as well.
      const colon = secret.indexOf(':');
      if (colon > 0 && secret.length - colon - 1 >= MIN_SECRET_LENGTH) this.put(secret.slice(colon + 1), '***');
    }
  }

  addAll(secrets: Iterable<string>): void {
    for (const s of secrets) this.add(s);
  }

  get size(): number {
    return this.replacements.size;
  }

  secrets(): string[] {
    return [...this.replacements.keys()];
  }

  redact(text: string): string {
    if (!this.replacements.size || !text) return text;
    if (!this.pattern) {
      // Longest first, so a URL is replaced whole before its path is.
      const keys = [...this.replacements.keys()].sort((a, b) => b.length - a.length);
      this.pattern = new RegExp(keys.map(escapeRegExp).join('|'), 'g');
    }
    return text.replace(this.pattern, (m) => this.replacements.get(m) ?? '***');
  }

  /**
   * Redacts UTF-8 bytes. Output that holds no secret, the usual case, comes back as it is: a
   * native byte search per secret, instead of decoding a large batch to a string and back.
   */
  redactBytes(bytes: Buffer): Buffer {
    for (const secret of this.replacements.keys()) {
      if (bytes.indexOf(secret) !== -1) return Buffer.from(this.redact(bytes.toString('utf8')));
    }
    return bytes;
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

  private put(secret: string, replacement: string): void {
    if (!this.replacements.has(secret)) {
      this.replacements.set(secret, replacement);
      this.pattern = null;
    }
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
