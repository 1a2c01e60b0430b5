import { type Document, type LineCounter } from 'yaml';
export type KeyPath = (string | number)[];
export declare function formatPath(path: KeyPath): string;
/** Line and column of a key (when the path ends on one) or of its value. */
export declare function locate(doc: Document, lines: LineCounter, path: KeyPath): {
    line?: number;
    column?: number;
};
export declare function startsWith(path: (string | number)[], prefix: (string | number)[]): boolean;
export declare function samePath(a: (string | number)[], b: (string | number)[]): boolean;
