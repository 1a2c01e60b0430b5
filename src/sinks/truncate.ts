// Service limits are met by truncating with a visible marker instead of failing the send. Lengths
// are counted the way each service counts; a surrogate pair is never split either way.

export const TRUNCATION_MARKER = '… [truncated]';

/**
 * 'codepoint' counts characters (Discord, as Bernstein's Python did); 'utf16' counts JS string
 * units; 'utf8' counts encoded bytes (Webex, ntfy, Teams and Google Chat state their limits in bytes).
 */
export type LengthUnit = 'codepoint' | 'utf16' | 'utf8';

export function textLength(text: string, unit: LengthUnit): number {
  if (unit === 'utf8') return Buffer.byteLength(text, 'utf8');
  return unit === 'utf16' ? text.length : Array.from(text).length;
}

/** `text` cut to at most `limit` units, ending in the marker when it had to be cut. */
export function truncate(text: string, limit: number, unit: LengthUnit, marker = TRUNCATION_MARKER): string {
  if (textLength(text, unit) <= limit) return text;
  const room = Math.max(0, limit - textLength(marker, unit));
  return takeUnits(text, room, unit) + (textLength(marker, unit) <= limit ? marker : '');
}

function takeUnits(text: string, count: number, unit: LengthUnit): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = unit === 'utf16' ? char.length : unit === 'utf8' ? Buffer.byteLength(char, 'utf8') : 1;
    if (used + size > count) break;
    out += char;
    used += size;
  }
  return out;
}

/**
 * `text` escaped and, when that is longer than `limit`, cut first and escaped afterwards, so an
 * escape is never split; the marker is added unescaped. Escaping only adds, so the longest raw cut
 * that fits is found by halving.
 */
export function truncateEscaped(text: string, limit: number, unit: LengthUnit, escape: (raw: string) => string, marker = TRUNCATION_MARKER): string {
  const whole = escape(text);
  if (textLength(whole, unit) <= limit) return whole;
  const room = limit - textLength(marker, unit);
  if (room < 0) return '';
  let low = 0;
  let high = Math.min(textLength(text, unit), room);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (textLength(escape(takeUnits(text, mid, unit)), unit) <= room) low = mid;
    else high = mid - 1;
  }
  return escape(takeUnits(text, low, unit)) + marker;
}
