import type { LoadedConfig, LoadOptions } from './types.js';
export { formatPath } from '../core/key-path.js';
export type { LoadedConfig, LoadOptions, MissingVariable, SinkEntry } from './types.js';
export declare const CONFIG_CANDIDATES: string[];
/** The embedded default: everything visible locally, nothing sent anywhere. In YAML:
 *  `notifications: {sinks: [{id: console, kind: console}, {id: events-file, kind: file, path: .herald/events.jsonl}]}` */
export declare function defaultConfigTree(): {
    notifications: {
        sinks: Record<string, unknown>[];
    };
};
export declare function discoverConfig(cwd: string, env: Record<string, string | undefined>, explicitPath?: string): string | null;
export declare function loadConfig(options: LoadOptions): Promise<LoadedConfig>;
