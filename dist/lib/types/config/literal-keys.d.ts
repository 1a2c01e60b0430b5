import type { SinkRegistry } from '../sinks/registry.js';
export declare function withholdLiterals(block: Record<string, unknown>, registry: SinkRegistry): {
    block: {
        sinks?: unknown;
    };
    restore(resolved: Record<string, unknown>): void;
};
