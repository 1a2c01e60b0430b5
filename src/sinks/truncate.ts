// Service limits are met by truncating with a visible marker instead of failing the send. Lengths
// are counted the way each service counts; a surrogate pair is never split either way.

export const TRUNCATION_MARKER = '… [truncated]';

/** 'codepoint' counts characters (Discord, as Bernstein's Python did); 'utf16' counts JS string units. */
export type LengthUnit = 'codepoint' | 'utf16';

export function textLength(text: string, unit: LengthUnit): number {
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
    const size = unit === 'utf16' ? char.length : 1;
    if (used + size > count) break;
    out += char;
    used += size;
  }
  return out;
}
