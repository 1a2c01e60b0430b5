import type { RetryConfig } from '../core/config-schema.js';
export declare function backoffDelayMs(attempt: number, retry: RetryConfig, random: () => number): number;
export type RetryDecision = {
    wait: number;
} | {
    giveUp: string;
};
/** How long to wait before the next attempt, or why not to try again. */
export declare function nextRetry(attempt: number, retry: RetryConfig, retryAfterMs: number | undefined, random: () => number): RetryDecision;
