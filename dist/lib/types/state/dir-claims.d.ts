import type { Logger } from '../core/context.js';
export declare class DirClaims {
    private readonly claimsDir;
    private readonly log;
    /** Sinks this process holds the lease of, with a reentrancy count. */
    private readonly leases;
    /** "sink\0event" of the claim files this process created. */
    private readonly files;
    constructor(claimsDir: string, log: Logger);
    holdsLease(sinkId: string): boolean;
    private claimPath;
    /** Creates the claim file of (sink, event), taking over a stale one; false while another process holds it. */
    take(sinkId: string, eventId: string, nowMs: number): Promise<boolean>;
    /** Removes the claim file of (sink, event) if this process created it. */
    drop(sinkId: string, eventId: string): void;
    /**
     * Exclusive use of a sink by this process (reentrant); `acquired` runs when it is first taken, so
     * the caller reads what was delivered before. Returns the release function.
     */
    lease(sinkId: string, acquired: () => void): Promise<() => Promise<void>>;
    private leasePath;
    /** Waits while a live process delivers to the same sink; a dead holder's lease is taken over. */
    private acquireLease;
    private isStale;
    /** Drops claim files of dead or hung processes (the caller holds the state lock). */
    prune(nowMs: number): Promise<void>;
}
