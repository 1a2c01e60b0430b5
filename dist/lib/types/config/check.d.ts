import { type KeyPath } from '../core/key-path.js';
import type { expandUrlSink } from './url-sink.js';
import type { LoadedConfig, LoadOptions } from './types.js';
/** Where a key path stands in the text the tree came from (nothing for the embedded default). */
export type Locate = (path: KeyPath) => {
    line?: number;
    column?: number;
};
/** The sink kinds a tree names, to load before checking it; undefined when any kind is known only
 *  after substitution (a `url:` sink, a `${VAR}` kind), so every kind must be loaded. */
export declare function kindsNamed(parsed: unknown, extraSinks?: Record<string, unknown>[]): string[] | undefined;
/** Expands a sink written as a service URL; loaded only for a config that has one (kindsNamed). */
export type ExpandUrlSink = typeof expandUrlSink;
export declare function checkConfigTree(parsed: unknown, file: string | null, where: Locate, options: LoadOptions, expandUrl?: ExpandUrlSink): LoadedConfig;
