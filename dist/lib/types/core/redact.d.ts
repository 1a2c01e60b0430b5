export declare class Redactor {
    private readonly replacements;
    private pattern;
    add(secret: string | undefined | null): void;
    addAll(secrets: Iterable<string>): void;
    get size(): number;
    secrets(): string[];
    redact(text: string): string;
    /**
     * Redacts UTF-8 bytes. Output that holds no secret, the usual case, comes back as it is: a
     * native byte search per secret, instead of decoding a large batch to a string and back.
     */
    redactBytes(bytes: Buffer): Buffer;
    /** Redacts every string inside a JSON-like value. */
    redactDeep<T>(value: T): T;
    private put;
}
