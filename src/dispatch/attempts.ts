// The attempt loop for one message: wait for the rate limit, send, and on a transient failure wait
// (backoff, or the service's Retry-After when longer) and try again, up to max_attempts. It
// decides nothing about dedup or dead letters; it says how the message ended.
import type { RuntimeContext } from '../core/context.js';
import type { RetryConfig } from '../core/config-schema.js';
import { PermanentError, TransientError } from '../core/errors.js';
import { nextRetry } from './backoff.js';
import type { RateLimiter } from './rate-limit.js';

export type AttemptResult =
  | { delivered: true; attempts: number }
  /** `reason` is Bernstein's dead-letter prefix: "permanent" or "retries_exhausted". */
  | { delivered: false; attempts: number; reason: 'permanent' | 'retries_exhausted'; error: string };

export interface AttemptOptions {
  send: () => Promise<unknown>;
  retry: RetryConfig;
  limiter?: RateLimiter;
  ctx: Pick<RuntimeContext, 'clock' | 'sleep' | 'random' | 'redactor'>;
  /** Told about each failed attempt that will be retried (for the audit's failed_retrying). */
  onRetry: (attempt: number, error: string) => Promise<void>;
}

export async function attemptDelivery({ send, retry, limiter, ctx, onRetry }: AttemptOptions): Promise<AttemptResult> {
  const nowMs = () => ctx.clock.nowMs();
  for (let attempt = 1; ; attempt++) {
    const slot = await limiter?.acquire(nowMs, (ms) => ctx.sleep(ms));
    try {
      try {
        await send();
      } finally {
        if (slot !== undefined) limiter!.settle(slot, nowMs());
      }
      return { delivered: true, attempts: attempt };
    } catch (error) {
      let message = ctx.redactor.redact(error instanceof Error ? error.message : String(error)) || 'unknown';
      if (error instanceof PermanentError) return { delivered: false, attempts: attempt, reason: 'permanent', error: message };
      const retryAfterMs = error instanceof TransientError ? error.retryAfterMs : undefined;
      // Everyone sharing the bucket waits too, not just this message.
      if (retryAfterMs !== undefined) limiter?.pauseFor(nowMs(), retryAfterMs);
      const decision = nextRetry(attempt, retry, retryAfterMs, ctx.random);
      if ('giveUp' in decision) {
        if (retryAfterMs !== undefined && retryAfterMs > retry.max_retry_after_ms) {
          message += ` (the service asked to wait ${Math.ceil(retryAfterMs / 1000)} s, more than max_retry_after_ms ${retry.max_retry_after_ms})`;
        }
        return { delivered: false, attempts: attempt, reason: 'retries_exhausted', error: message };
      }
      await onRetry(attempt, message);
      await ctx.sleep(decision.wait);
    }
  }
}
