export declare class ConfigError extends Error {
    readonly details: {
        file?: string;
        keyPath?: string;
        line?: number;
        column?: number;
        fix?: string;
    };
    constructor(message: string, details?: {
        file?: string;
        keyPath?: string;
        line?: number;
        column?: number;
        fix?: string;
    });
    /** "file:line:col: key.path: message\n  fix" — the whole user-facing text. */
    describe(): string;
}
export declare class UsageError extends Error {
    readonly fix?: string | undefined;
    constructor(message: string, fix?: string | undefined);
    describe(): string;
}
/** Worth retrying: network trouble, timeouts, 408/425/429/5xx. */
export declare class TransientError extends Error {
    readonly retryAfterMs?: number | undefined;
    constructor(message: string, retryAfterMs?: number | undefined);
}
/** Retrying cannot help: a 4xx, a refused recipient, a missing program. Dead-lettered at once. */
export declare class PermanentError extends Error {
    constructor(message: string);
}
export declare function isUserError(error: unknown): error is ConfigError | UsageError;
