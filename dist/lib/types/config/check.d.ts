import { type KeyPath } from '../core/key-path.js';
import type { LoadedConfig, LoadOptions } from './types.js';
/** Where a key path stands in the text the tree came from (nothing for the embedded default). */
export type Locate = (path: KeyPath) => {
    line?: number;
    column?: number;
};
/** The sink kinds a tree names, to load before checking it; undefined when any kind is known only
 *  after substitution (a `url:` sink, a `${VAR}` kind), so every kind must be loaded. */
export declare function kindsNamed(parsed: unknown, extraSinks?: Record<string, unknown>[]): string[] | undefined;
export declare function checkConfigTree(parsed: unknown, file: string | null, where: Locate, options: LoadOptions): LoadedConfig;
