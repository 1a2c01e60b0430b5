import type { SinkEntry } from '../config/load.js';
import { type RetryConfig } from '../core/config-schema.js';
import { CircuitBreaker } from './circuit.js';
import { RateLimiter } from './rate-limit.js';
export declare class SinkPolicies {
    private readonly baseRetry;
    private readonly limiters;
    private readonly sinkLimiters;
    private readonly retries;
    /** A dead endpoint costs a few deliveries' retries, not every event's. */
    private readonly breakers;
    constructor(baseRetry: RetryConfig);
    /** Sinks sharing a rate key (one Slack webhook, one Telegram chat) share one bucket. */
    limiterFor(sink: SinkEntry): RateLimiter | undefined;
    /** The sink's retry block over the config's; parsed once per sink, not per delivery. */
    retryFor(sink: SinkEntry): RetryConfig;
    breakerFor(sink: SinkEntry): CircuitBreaker;
    private sharedLimiter;
}
