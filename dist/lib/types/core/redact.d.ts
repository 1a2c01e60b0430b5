/** Shorter values ("1", "on", "ops") would blank out ordinary text if hidden wherever they occur. */
export declare const MIN_SECRET_LENGTH = 6;
/**
 * A shorter secret used as a value (a header, a token, a URL part) is hidden where it stands
 * alone, between non-word characters; below this length even that would blank out ordinary words.
 */
export declare const MIN_VALUE_LENGTH = 3;
/** How a registered secret is hidden: wherever it occurs, only where it stands alone, or not at all. */
export type Redaction = 'anywhere' | 'as-value' | 'not-redacted';
export declare class Redactor {
    private readonly literals;
    private matcher;
    /** Registers a secret, hidden wherever it occurs; a URL with its parts. Shorter than MIN_SECRET_LENGTH is not hidden: see addValue. */
    add(secret: string | undefined | null): void;
    /**
     * Registers a secret that is used as a value (a header value, a token, a URL part). Long enough,
     * it is hidden wherever it occurs, as `add` does; from MIN_VALUE_LENGTH to MIN_SECRET_LENGTH - 1
     * characters, only where it stands alone (`X-Key: ab12c` and `"ab12c"`, not `cab12cd`).
     */
    addValue(secret: string | undefined | null): void;
    addAll(secrets: Iterable<string>): void;
    /** True for a secret too short to be hidden wherever it occurs (what `validate` warns about). */
    isTooShort(secret: string): boolean;
    /** How `secret` is hidden now: 'as-value' after `addValue` of a short one, 'not-redacted' when it never will be. */
    redactionOf(secret: string): Redaction;
    get size(): number;
    /** The strings hidden wherever they occur (short values hidden only as values are left out: masking them everywhere would blank out words). */
    secrets(): string[];
    redact(text: string): string;
    /**
     * Redacts UTF-8 bytes. Output that holds no secret, the usual case, comes back as it is: a
     * native byte search per secret, instead of decoding a large batch to a string and back.
     */
    redactBytes(bytes: Buffer): Buffer;
    /** Redacts every string inside a JSON-like value. */
    redactDeep<T>(value: T): T;
    private match;
    private addUrl;
    private addUserinfo;
    private put;
}
