import type { RateLimit } from '../sinks/define.js';
export declare class RateLimiter {
    readonly rate: RateLimit;
    /** Send times inside the current window, oldest first. */
    private sentAtMs;
    /** Set when the service said "wait" (429 Retry-After, Discord's remaining=0). */
    private pausedUntilMs;
    constructor(rate: RateLimit);
    /** How long the next send would have to wait; 0 when it may go now. */
    waitMs(nowMs: number): number;
    /**
     * Waits for a free slot and takes it. The last check and the record happen without an await in
     * between, so two sinks sharing a bucket cannot both take the same slot.
     */
    acquire(nowMs: () => number, sleep: (ms: number) => Promise<void>): Promise<number>;
    /**
     * Moves a slot's time from when the send started to when its answer came. Network latency
     * varies, so spacing the starts alone can land two requests at the service closer than its
     * window; spacing from the answer cannot.
     */
    settle(stamp: number, answeredAtMs: number): void;
    /** The service asked for a pause: no send from this bucket before it ends. */
    pauseFor(nowMs: number, pauseMs: number): void;
}
/** The limit a sink runs under: its `rate_limit` key, else its service's default; null turns it off. */
export declare function effectiveRate(configured: {
    per_window: number;
    window_ms: number;
} | null | undefined, serviceDefault: RateLimit | undefined): RateLimit | undefined;
