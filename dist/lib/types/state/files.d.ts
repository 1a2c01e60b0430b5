export declare function ensurePrivateDir(path: string): Promise<void>;
export declare function writeFileAtomic(path: string, data: string): Promise<void>;
export interface JsonlLine<T> {
    value: T;
    line: number;
}
/** Parses JSONL text; a line that does not parse is reported to `onBad` and skipped. */
export declare function parseJsonl<T>(text: string, onBad: (line: number, reason: string) => void): JsonlLine<T>[];
export declare function readTextIfExists(path: string): Promise<string>;
