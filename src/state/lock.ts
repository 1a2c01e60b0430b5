// A lock file holding the owner's pid. A lock whose pid is gone (a kill -9) is taken over, so a
// crash never wedges the next run.
import { open, rm } from 'node:fs/promises';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { sleep } from '../core/context.js';
import { readTextIfExists } from './files.js';

export class LockTimeoutError extends Error {}

export async function withLock<T>(path: string, work: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  // A free lock is taken with synchronous calls (as HeldLock does): three thread-pool round trips
  // per locked write were most of a watch commit's time on a busy host.
  if (!tryAcquireSync(path)) await acquire(path, timeoutMs);
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}

/**
 * A lock kept across a burst of short synchronous sections (audit appends, one per delivery):
 * taken on the first, released once no section came for `idleMs`, or right after a section once
 * held for `maxHoldMs`. A process sending 10,000 events then makes and removes the lock file a few
 * times a second instead of 10,000 times, and a neighbour sharing the folder waits at most about
 * `maxHoldMs` for its turn. `epoch` changes with each taking: what was read under one holding
 * stays true until the next.
 */
export class HeldLock {
  private taking: Promise<void> | undefined;
  private heldSince = 0;
  private timer: NodeJS.Timeout | undefined;
  epoch = 0;

  constructor(
    private readonly path: string,
    private readonly options: { idleMs: number; maxHoldMs: number; timeoutMs?: number } = { idleMs: 20, maxHoldMs: 200 },
  ) {}

  get held(): boolean {
    return this.heldSince > 0;
  }

  async run<T>(work: () => T): Promise<T> {
    // A loop: a section that ran first may have released the lock again (maxHoldMs).
    while (!this.held) {
      this.taking ??= (tryAcquireSync(this.path) ? Promise.resolve() : acquire(this.path, this.options.timeoutMs ?? 15_000))
        .then(() => {
          this.heldSince = Date.now();
          this.epoch++;
        })
        .finally(() => (this.taking = undefined));
      await this.taking;
    }
    clearTimeout(this.timer);
    try {
      return work();
    } finally {
      if (Date.now() - this.heldSince >= this.options.maxHoldMs) this.release();
      else this.timer = setTimeout(() => this.release(), this.options.idleMs).unref();
    }
  }

  release(): void {
    clearTimeout(this.timer);
    if (!this.held) return;
    this.heldSince = 0;
    rmSync(this.path, { force: true });
  }
}

function tryAcquireSync(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

async function acquire(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(path)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(`timed out waiting for the lock ${path}`);
    await sleep(delay);
    delay = Math.min(delay * 2, 50);
  }
}

async function isStale(path: string): Promise<boolean> {
  let text: string;
  try {
    text = await readTextIfExists(path);
  } catch {
    return false; // the next open will tell
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) return text.trim() === '' ? false : true;
  return !isAlive(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
