// A lock file holding the owner's pid. A lock whose pid is gone (a kill -9) is taken over, so a
// crash never wedges the next run.
import { open, rm } from 'node:fs/promises';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { sleep } from '../core/context.js';
import { readTextIfExists } from './files.js';

export class LockTimeoutError extends Error {}

export async function withLock<T>(path: string, work: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  await acquire(path, timeoutMs);
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}

/**
 * For short synchronous work on the hot path (an audit append): an uncontended lock costs three
 * system calls and no round trip through libuv's thread pool; a held one is waited for as above.
 */
export async function withLockSync<T>(path: string, work: () => T, timeoutMs = 15_000): Promise<T> {
  if (!tryAcquireSync(path)) await acquire(path, timeoutMs);
  try {
    return work();
  } finally {
    rmSync(path, { force: true });
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
