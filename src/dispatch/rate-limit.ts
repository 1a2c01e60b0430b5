// A sliding-window limiter per rate bucket (a webhook, a chat, an integration key). Time comes in
// through the caller's clock and sleep, so tests and the benchmark control it.
import type { RateLimit } from '../sinks/define.js';

export class RateLimiter {
  /** Send times inside the current window, oldest first. */
  private sentAtMs: number[] = [];
  /** Set when the service said "wait" (429 Retry-After, Discord's remaining=0). */
  private pausedUntilMs = 0;

  constructor(readonly rate: RateLimit) {}

  /** How long the next send would have to wait; 0 when it may go now. */
  waitMs(nowMs: number): number {
    while (this.sentAtMs.length && this.sentAtMs[0]! + this.rate.windowMs <= nowMs) this.sentAtMs.shift();
    let wait = Math.max(0, this.pausedUntilMs - nowMs);
    if (this.sentAtMs.length >= this.rate.perWindow) wait = Math.max(wait, this.sentAtMs[0]! + this.rate.windowMs - nowMs);
    return wait;
  }

  /**
   * Waits for a free slot and takes it. The last check and the record happen without an await in
   * between, so two sinks sharing a bucket cannot both take the same slot.
   */
  async acquire(nowMs: () => number, sleep: (ms: number) => Promise<void>): Promise<number> {
    for (let wait = this.waitMs(nowMs()); wait > 0; wait = this.waitMs(nowMs())) await sleep(wait);
    const stamp = nowMs();
    this.sentAtMs.push(stamp);
    return stamp;
  }

  /**
   * Moves a slot's time from when the send started to when its answer came. Network latency
   * varies, so spacing the starts alone can land two requests at the service closer than its
   * window; spacing from the answer cannot.
   */
  settle(stamp: number, answeredAtMs: number): void {
    const index = this.sentAtMs.indexOf(stamp);
    if (index < 0) return;
    this.sentAtMs[index] = Math.max(stamp, answeredAtMs);
    this.sentAtMs.sort((a, b) => a - b);
  }

  /** The service asked for a pause: no send from this bucket before it ends. */
  pauseFor(nowMs: number, pauseMs: number): void {
    this.pausedUntilMs = Math.max(this.pausedUntilMs, nowMs + pauseMs);
  }
}

/** The limit a sink runs under: its `rate_limit` key, else its service's default; null turns it off. */
export function effectiveRate(configured: { per_window: number; window_ms: number } | null | undefined, serviceDefault: RateLimit | undefined): RateLimit | undefined {
  if (configured === null) return undefined;
  if (configured) return { perWindow: configured.per_window, windowMs: configured.window_ms };
  return serviceDefault;
}
