import type * as z from '../core/zod.js';
import { ConfigError } from '../core/errors.js';
export type Fail = (path: (string | number)[], message: string, fix?: string) => void;
export declare const MISSING_MARK = "is not set";
/** The message and fix for a key whose ${VAR} is not set. */
export declare function unsetProblem(name: string): [message: string, fix: string];
export declare function reportIssue(issue: z.core.$ZodIssue, base: (string | number)[], shape: Record<string, unknown>, missing: {
    name: string;
    path: (string | number)[];
}[], fail: Fail): void;
export declare function combine(errors: ConfigError[]): ConfigError;
