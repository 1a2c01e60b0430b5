import type { Locate } from './check.js';
export interface ConfigText {
    root: unknown;
    where: Locate;
}
export declare function readConfigText(text: string, file: string | null): ConfigText;
