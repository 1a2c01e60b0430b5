// What the dispatcher keeps per sink for a run: its rate limiter (shared by sinks that post to one
// place), its retry block, and its circuit breaker. Built on first use, once per sink.
import type { SinkEntry } from '../config/load.js';
import { RetrySchema, type RetryConfig } from '../core/config-schema.js';
import { CircuitBreaker } from './circuit.js';
import { effectiveRate, RateLimiter } from './rate-limit.js';

export class SinkPolicies {
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly sinkLimiters = new WeakMap<SinkEntry, RateLimiter | undefined>();
  private readonly retries = new WeakMap<SinkEntry, RetryConfig>();
  /** A dead endpoint costs a few deliveries' retries, not every event's. */
  private readonly breakers = new WeakMap<SinkEntry, CircuitBreaker>();

  constructor(private readonly baseRetry: RetryConfig) {}

  /** Sinks sharing a rate key (one Slack webhook, one Telegram chat) share one bucket. */
  limiterFor(sink: SinkEntry): RateLimiter | undefined {
    if (this.sinkLimiters.has(sink)) return this.sinkLimiters.get(sink);
    const limiter = this.sharedLimiter(sink);
    this.sinkLimiters.set(sink, limiter);
    return limiter;
  }

  /** The sink's retry block over the config's; parsed once per sink, not per delivery. */
  retryFor(sink: SinkEntry): RetryConfig {
    let retry = this.retries.get(sink);
    if (!retry) {
      retry = sink.config.retry ? RetrySchema.parse({ ...this.baseRetry, ...sink.config.retry }) : this.baseRetry;
      this.retries.set(sink, retry);
    }
    return retry;
  }

  breakerFor(sink: SinkEntry): CircuitBreaker {
    let breaker = this.breakers.get(sink);
    if (!breaker) this.breakers.set(sink, (breaker = new CircuitBreaker()));
    return breaker;
  }

  private sharedLimiter(sink: SinkEntry): RateLimiter | undefined {
    const rate = effectiveRate(sink.config.rate_limit, sink.definition.rateFor?.(sink.config) ?? sink.definition.limits);
    if (!rate) return undefined;
    const key = `${sink.definition.kind}\u0000${sink.definition.rateKey?.(sink.config) ?? sink.config.id}\u0000${rate.perWindow}/${rate.windowMs}`;
    let limiter = this.limiters.get(key);
    if (!limiter) this.limiters.set(key, (limiter = new RateLimiter(rate)));
    return limiter;
  }
}
