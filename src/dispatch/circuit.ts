// A sink that keeps failing transiently (a dead endpoint, a refused port) is not retried event by
// event: after CIRCUIT_THRESHOLD deliveries in a row ran out of retries, the circuit opens and the
// sink's next events are dead-lettered at once, with the reason. After the cool-down one event is
// tried again: a success closes the circuit, a failure keeps it open. A long watch thus recovers
// when the endpoint does, and 1,000 events to a dead endpoint cost seconds, not ten minutes.

export const CIRCUIT_THRESHOLD = 3;
export const CIRCUIT_COOLDOWN_MS = 30_000;

export class CircuitBreaker {
  private failuresInARow = 0;
  private openUntilMs = 0;
  private why = '';

  constructor(
    private readonly threshold = CIRCUIT_THRESHOLD,
    private readonly cooldownMs = CIRCUIT_COOLDOWN_MS,
  ) {}

  /** Why the next delivery must not be attempted; undefined when it may (or is the trial). */
  refusal(nowMs: number): string | undefined {
    if (this.failuresInARow < this.threshold || nowMs >= this.openUntilMs) return undefined;
    return this.why;
  }

  succeeded(): void {
    this.failuresInARow = 0;
  }

  /** A delivery ran out of retries on transient errors. */
  failed(nowMs: number, error: string): void {
    this.failuresInARow++;
    if (this.failuresInARow < this.threshold) return;
    this.openUntilMs = nowMs + this.cooldownMs;
    this.why = `circuit open: ${this.failuresInARow} deliveries in a row failed (last: ${error}); not attempted, next try in ${Math.round(this.cooldownMs / 1000)} s`;
  }
}
