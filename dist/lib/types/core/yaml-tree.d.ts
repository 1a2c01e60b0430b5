import { LineCounter, type Document, type YAMLError } from 'yaml';
import type { KeyPath } from './key-path.js';
/** Aliases one document may expand: real configs use a handful (shared headers, filters). */
export declare const MAX_YAML_ALIASES = 100;
export interface YamlTree {
    doc: Document;
    lineCounter: LineCounter;
    root: unknown;
}
/** `tolerate` lets a caller accept an error PyYAML accepts (a duplicate key outside Herald's block). */
export declare function parseYamlTree(text: string, file: string, tolerate?: (error: YAMLError, doc: Document) => boolean): YamlTree;
/** Line and column of a key (when the path ends on one) or of its value. */
export declare function locate(doc: Document, lines: LineCounter, path: KeyPath): {
    line?: number;
    column?: number;
};
