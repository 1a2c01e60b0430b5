// The last N lines of a command's stderr, kept while the stream passes through untouched, so a
// failure notification can say why without anyone opening the job log. Bounded memory: N lines,
// each cut at MAX_LINE_CHARS.
import type { Redactor } from '../core/redact.js';

const MAX_LINE_CHARS = 500;

export class LineRing {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly capacity: number) {}

  push(chunk: string): void {
    if (this.capacity <= 0) return;
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop()!.slice(-MAX_LINE_CHARS * 4);
    for (const line of parts) this.add(line);
  }

  private add(line: string): void {
    const clean = line.replace(/\r$/, '');
    this.lines.push(clean.length > MAX_LINE_CHARS ? `${clean.slice(0, MAX_LINE_CHARS)}…` : clean);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  /** The kept lines, including an unterminated last line. */
  snapshot(): string[] {
    const out = [...this.lines];
    if (this.partial) {
      out.push(this.partial.length > MAX_LINE_CHARS ? `${this.partial.slice(0, MAX_LINE_CHARS)}…` : this.partial);
      if (out.length > this.capacity) out.shift();
    }
    return out;
  }
}

// Tokens that commonly end up in job logs although no config ever named them: the Redactor only
// knows secrets Herald resolved itself.
const TOKEN_PATTERNS: [RegExp, string][] = [
  [/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, '***'],
  [/https:\/\/hooks\.slack\.com\/[^\s"']+/g, 'https://hooks.slack.com/***'],
  [/https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[^\s"']+/g, 'https://discord.com/api/webhooks/***'],
  [/\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g, '***'], // Telegram bot token
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '***'],
  [/\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 ***'],
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s:/@]+:[^\s@/]+@/gi, '$1***@'], // user:password@ in any URL
  [/\b([A-Za-z0-9_]*(?:password|passwd|secret|token|api[_-]?key)[A-Za-z0-9_]*)\s*([=:])\s*("[^"]*"|'[^']*'|[^\s,;"']+)/gi, '$1$2***'],
];

export function redactTokens(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** The tail as it goes into a notification: configured secrets first, then common token shapes. */
export function redactTail(lines: readonly string[], redactor: Pick<Redactor, 'redact'>): string[] {
  return lines.map((line) => redactTokens(redactor.redact(line)));
}
