import type * as z from '../core/zod.js';
import type { NotificationsBlock } from '../core/config-schema.js';
import type { SinkRegistry } from '../sinks/registry.js';
import type { AnySinkDefinition, SinkConfig } from '../sinks/define.js';
export interface SinkEntry {
    config: SinkConfig<z.core.$ZodShape>;
    definition: AnySinkDefinition;
    index: number;
}
export interface MissingVariable {
    name: string;
    keyPath: string;
    /** Whether the run can go on without it (optional key, disabled sink). */
    fatal: boolean;
}
export interface LoadedConfig {
    /** The file read, or null for the embedded default. */
    file: string | null;
    /** Relative paths in the config resolve against this folder. */
    baseDir: string;
    block: Omit<NotificationsBlock, 'sinks'>;
    sinks: SinkEntry[];
    missing: MissingVariable[];
    /** Every resolved value that must never be printed. */
    secrets: string[];
    /** Things the loader let pass but the user should hear about (a disabled sink of an unknown kind). */
    warnings?: string[];
    /** Every ${VAR} the config refers to and where (validate judges their values). */
    variables?: {
        name: string;
        keyPath: string;
    }[];
}
export interface LoadOptions {
    explicitPath?: string;
    cwd: string;
    env: Record<string, string | undefined>;
    registry: SinkRegistry;
    /** Report unset variables instead of failing on them (`validate`, `list`). */
    tolerateMissing?: boolean;
    /** Use the embedded default when no file is found (otherwise a ConfigError). */
    allowDefault?: boolean;
    /** Config text to read instead of a file (library use; `watch` without a Herald config). */
    text?: string;
    /** Sinks added after the config's, checked like them (the watch's profile webhook). */
    extraSinks?: Record<string, unknown>[];
    /** Runs on the parsed tree of a config file before it is checked (plugin kinds register here). */
    prepare?: (root: unknown, file: string) => Promise<void>;
}
