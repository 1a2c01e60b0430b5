import type { AnySinkDefinition } from './define.js';
export declare class SinkRegistry {
    private readonly kinds;
    private readonly lazy;
    /** With definitions, exactly those kinds (tests, libraries); without, the builtins, loaded on demand. */
    constructor(definitions?: AnySinkDefinition[]);
    /** Imports the definitions of these kinds (unknown names are left for the check to report);
     *  of every builtin kind without a list. */
    load(kinds?: Iterable<string>): Promise<this>;
    /** The definition of a loaded kind; undefined for a kind Herald does not have. */
    get(kind: string): AnySinkDefinition | undefined;
    has(kind: string): boolean;
    list(): string[];
    /** Adds a plugin kind; a builtin kind is never replaced. */
    addPlugin(definition: AnySinkDefinition): void;
}
