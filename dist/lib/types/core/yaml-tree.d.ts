import { LineCounter, type Document, type YAMLError } from 'yaml';
/** Aliases one document may expand: real configs use a handful (shared headers, filters). */
export declare const MAX_YAML_ALIASES = 100;
export interface YamlTree {
    doc: Document;
    lineCounter: LineCounter;
    root: unknown;
}
/** `tolerate` lets a caller accept an error PyYAML accepts (a duplicate key outside Herald's block). */
export declare function parseYamlTree(text: string, file: string, tolerate?: (error: YAMLError, doc: Document) => boolean): YamlTree;
