export declare const CIRCUIT_THRESHOLD = 3;
export declare const CIRCUIT_COOLDOWN_MS = 30000;
export declare class CircuitBreaker {
    private readonly threshold;
    private readonly cooldownMs;
    private failuresInARow;
    private openUntilMs;
    private why;
    constructor(threshold?: number, cooldownMs?: number);
    /** Why the next delivery must not be attempted; undefined when it may (or is the trial). */
    refusal(nowMs: number): string | undefined;
    succeeded(): void;
    /** A delivery ran out of retries on transient errors. */
    failed(nowMs: number, error: string): void;
}
