export declare class LockTimeoutError extends Error {
}
export declare function withLock<T>(path: string, work: () => Promise<T>, timeoutMs?: number): Promise<T>;
/**
 * A lock kept across a burst of short synchronous sections (audit appends, one per delivery):
 * taken on the first, released once no section came for `idleMs`, or right after a section once
 * held for `maxHoldMs`. A process sending 10,000 events then makes and removes the lock file a few
 * times a second instead of 10,000 times, and a neighbour sharing the folder waits at most about
 * `maxHoldMs` for its turn. `epoch` changes with each taking: what was read under one holding
 * stays true until the next.
 */
export declare class HeldLock {
    private readonly path;
    private readonly options;
    private taking;
    private heldSince;
    private timer;
    epoch: number;
    constructor(path: string, options?: {
        idleMs: number;
        maxHoldMs: number;
        timeoutMs?: number;
    });
    get held(): boolean;
    run<T>(work: () => T): Promise<T>;
    release(): void;
}
export declare function isAlive(pid: number): boolean;
