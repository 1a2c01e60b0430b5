import { type Locate } from './check.js';
import type { LoadedConfig, LoadOptions } from './types.js';
export interface ConfigText {
    root: unknown;
    where: Locate;
}
export declare function readConfigText(text: string, file: string | null): ConfigText;
/** Reads and checks config text in one synchronous step (how the tests check configs); the
 *  registry must hold the kinds it names (`registry.load()`). */
export declare function parseConfigText(text: string, file: string | null, options: LoadOptions): LoadedConfig;
