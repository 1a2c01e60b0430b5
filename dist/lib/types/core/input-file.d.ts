/** Config files and profiles: far beyond any real one, small enough to parse at once. */
export declare const MAX_CONFIG_BYTES: number;
/** Payload and events files handed to `send --payload-file` and the action's `events-file`. */
export declare const MAX_PAYLOAD_BYTES: number;
export interface InputFileOptions {
    /** What the file is to the user: "config", "--payload-file", "profile". */
    what: string;
    maxBytes: number;
    /** Builds the error (a ConfigError naming the file by default; a UsageError for a flag). */
    fail?: (message: string, fix?: string) => Error;
    /** A missing file is not an error: undefined is returned. */
    optional?: boolean;
}
export declare function readInputFile(path: string, options: InputFileOptions): Promise<string | undefined>;
/** Strict UTF-8; a bad byte sequence becomes the error for its 1-based line. */
export declare function decodeUtf8(bytes: Uint8Array, fail: (line: number) => Error): string;
export declare function formatBytes(bytes: number): string;
