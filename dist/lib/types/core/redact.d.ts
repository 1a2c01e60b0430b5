export declare class Redactor {
    private readonly replacements;
    private pattern;
    add(secret: string | undefined | null): void;
    addAll(secrets: Iterable<string>): void;
    get size(): number;
    secrets(): string[];
    redact(text: string): string;
    /** Redacts every string inside a JSON-like value. */
    redactDeep<T>(value: T): T;
    private put;
}
