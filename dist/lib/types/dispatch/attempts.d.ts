import type { RuntimeContext } from '../core/context.js';
import type { RetryConfig } from '../core/config-schema.js';
import type { RateLimiter } from './rate-limit.js';
export type AttemptResult = {
    delivered: true;
    attempts: number;
}
/** `reason` is Bernstein's dead-letter prefix: "permanent" or "retries_exhausted". */
 | {
    delivered: false;
    attempts: number;
    reason: 'permanent' | 'retries_exhausted';
    error: string;
};
export interface AttemptOptions {
    send: () => Promise<unknown>;
    retry: RetryConfig;
    limiter?: RateLimiter;
    ctx: Pick<RuntimeContext, 'clock' | 'sleep' | 'random' | 'redactor'>;
    /** Told about each failed attempt that will be retried (for the audit's failed_retrying). */
    onRetry: (attempt: number, error: string) => Promise<void>;
}
export declare function attemptDelivery({ send, retry, limiter, ctx, onRetry }: AttemptOptions): Promise<AttemptResult>;
