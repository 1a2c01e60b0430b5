import type { AnySinkDefinition } from './define.js';
export declare class SinkRegistry {
    private readonly kinds;
    constructor(definitions?: AnySinkDefinition[]);
    get(kind: string): AnySinkDefinition | undefined;
    has(kind: string): boolean;
    list(): string[];
    /** Adds a plugin kind; a builtin kind is never replaced. */
    addPlugin(definition: AnySinkDefinition): void;
}
