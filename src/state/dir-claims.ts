// The files in claims/ that keep two processes on one host from delivering the same (sink, event):
// an O_EXCL claim file per event, or a per-sink lease for a batch (then claims live in memory).
import { createHash } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/context.js';
import { readTextIfExists } from './files.js';
import { isAlive } from './lock.js';

const CLAIM_TTL_MS = 10 * 60_000; // a claim older than this belongs to a hung process
const LEASE_WAIT_MS = 5 * 60_000;
const EMPTY_CLAIM_STALE_MS = 2_000;

export class DirClaims {
  /** Sinks this process holds the lease of, with a reentrancy count. */
  private readonly leases = new Map<string, number>();
  /** "sink\0event" of the claim files this process created. */
  private readonly files = new Set<string>();

  constructor(
    private readonly claimsDir: string,
    private readonly log: Logger,
  ) {}

  holdsLease(sinkId: string): boolean {
    return this.leases.has(sinkId);
  }

  private claimPath(sinkId: string, eventId: string): string {
    return join(this.claimsDir, createHash('sha256').update(`${sinkId}\u0000${eventId}`).digest('hex').slice(0, 40));
  }

  /** Creates the claim file of (sink, event), taking over a stale one; false while another process holds it. */
  async take(sinkId: string, eventId: string, nowMs: number): Promise<boolean> {
    const path = this.claimPath(sinkId, eventId);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, `${process.pid} ${nowMs}\n`);
        closeSync(fd);
        this.files.add(`${sinkId}\u0000${eventId}`);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (!(await this.isStale(path, nowMs))) return false;
        await rm(path, { force: true });
      }
    }
    return false;
  }

  /** Removes the claim file of (sink, event) if this process created it. */
  drop(sinkId: string, eventId: string): void {
    if (this.files.delete(`${sinkId}\u0000${eventId}`)) rmSync(this.claimPath(sinkId, eventId), { force: true });
  }

  /**
   * Exclusive use of a sink by this process (reentrant); `acquired` runs when it is first taken, so
   * the caller reads what was delivered before. Returns the release function.
   */
  async lease(sinkId: string, acquired: () => void): Promise<() => Promise<void>> {
    const held = this.leases.get(sinkId) ?? 0;
    if (held === 0) {
      await this.acquireLease(sinkId);
      acquired();
    }
    this.leases.set(sinkId, held + 1);
    return async () => {
      const count = (this.leases.get(sinkId) ?? 1) - 1;
      if (count > 0) {
        this.leases.set(sinkId, count);
        return;
      }
      this.leases.delete(sinkId);
      rmSync(this.leasePath(sinkId), { force: true });
    };
  }

  private leasePath(sinkId: string): string {
    return join(this.claimsDir, `${createHash('sha256').update(sinkId).digest('hex').slice(0, 24)}.lease`);
  }

  /** Waits while a live process delivers to the same sink; a dead holder's lease is taken over. */
  private async acquireLease(sinkId: string): Promise<void> {
    const path = this.leasePath(sinkId);
    const started = Date.now();
    let told = false;
    for (;;) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, `${process.pid} ${Date.now()}\n`);
        closeSync(fd);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number((await readTextIfExists(path)).trim().split(' ')[0]);
      if (holder && !isAlive(holder)) {
        rmSync(path, { force: true });
        continue;
      }
      const waitedMs = Date.now() - started;
      if (!told && waitedMs > 2000) {
        this.log.info(`waiting for another herald process (pid ${holder}) delivering to sink '${sinkId}'`);
        told = true;
      }
      if (waitedMs > LEASE_WAIT_MS) {
        // Never lose an event over a hung neighbour: per-event claims still prevent doubles.
        this.log.warn(`sink '${sinkId}' is still held by pid ${holder} after ${LEASE_WAIT_MS / 1000} s; going on with per-event claims`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async isStale(path: string, nowMs: number): Promise<boolean> {
    const text = await readTextIfExists(path);
    const [pidText, tsText] = text.trim().split(' ');
    const pid = Number(pidText);
    const ts = Number(tsText);
    // An empty file is a claim being written — or one whose writer died between create and write
    // (kill -9): the write follows the create at once, so an empty file that is not new is stale.
    if (text === '') return nowMs - ((await stat(path).catch(() => undefined))?.mtimeMs ?? nowMs) > EMPTY_CLAIM_STALE_MS;
    if (!pid || !ts) return true;
    return !isAlive(pid) || nowMs - ts > CLAIM_TTL_MS;
  }

  /** Drops claim files of dead or hung processes (the caller holds the state lock). */
  async prune(nowMs: number): Promise<void> {
    for (const name of await readdir(this.claimsDir).catch(() => [] as string[])) {
      const path = join(this.claimsDir, name);
      if (name.endsWith('.lease')) continue;
      if (await this.isStale(path, nowMs)) await rm(path, { force: true });
    }
  }
}
