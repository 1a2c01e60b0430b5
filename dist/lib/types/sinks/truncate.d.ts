export declare const TRUNCATION_MARKER = "\u2026 [truncated]";
/**
 * 'codepoint' counts characters (Discord, as Bernstein's Python did); 'utf16' counts JS string
 * units; 'utf8' counts encoded bytes (Webex, ntfy, Teams and Google Chat state their limits in bytes).
 */
export type LengthUnit = 'codepoint' | 'utf16' | 'utf8';
export declare function textLength(text: string, unit: LengthUnit): number;
/** `text` cut to at most `limit` units, ending in the marker when it had to be cut. */
export declare function truncate(text: string, limit: number, unit: LengthUnit, marker?: string): string;
/**
 * `text` escaped and, when that is longer than `limit`, cut first and escaped afterwards, so an
 * escape is never split; the marker is added unescaped. Escaping only adds, so the longest raw cut
 * that fits is found by halving.
 */
export declare function truncateEscaped(text: string, limit: number, unit: LengthUnit, escape: (raw: string) => string, marker?: string): string;
