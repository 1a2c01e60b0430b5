export declare const TRUNCATION_MARKER = "\u2026 [truncated]";
/** 'codepoint' counts characters (Discord, as Bernstein's Python did); 'utf16' counts JS string units. */
export type LengthUnit = 'codepoint' | 'utf16';
export declare function textLength(text: string, unit: LengthUnit): number;
/** `text` cut to at most `limit` units, ending in the marker when it had to be cut. */
export declare function truncate(text: string, limit: number, unit: LengthUnit, marker?: string): string;
