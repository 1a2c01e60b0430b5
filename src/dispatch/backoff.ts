// Bernstein's delay, min(initial × factor^(n−1), max) (§4.2), with part of it randomised so many
// jobs failing together do not retry in lockstep; a service's Retry-After wins when longer.
import type { RetryConfig } from '../core/config-schema.js';

export function backoffDelayMs(attempt: number, retry: RetryConfig, random: () => number): number {
  if (attempt <= 0) return 0;
  const base = Math.min(retry.initial_delay_ms * retry.backoff_factor ** (attempt - 1), retry.max_delay_ms);
  return Math.round(base * (1 - retry.jitter * random()));
}

export type RetryDecision = { wait: number } | { giveUp: string };

/** How long to wait before the next attempt, or why not to try again. */
export function nextRetry(attempt: number, retry: RetryConfig, retryAfterMs: number | undefined, random: () => number): RetryDecision {
  if (attempt >= retry.max_attempts) return { giveUp: 'retries_exhausted' };
  const backoff = backoffDelayMs(attempt, retry, random);
  if (retryAfterMs === undefined) return { wait: backoff };
  if (retryAfterMs > retry.max_retry_after_ms) {
    return { giveUp: `retries_exhausted` };
  }
  return { wait: Math.max(backoff, retryAfterMs) };
}
