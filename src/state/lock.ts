// A lock file holding the owner's pid. A lock whose pid is gone (a kill -9) is taken over, so a
// crash never wedges the next run.
import { open, readFile, rm } from 'node:fs/promises';
import { sleep } from '../core/context.js';

export class LockTimeoutError extends Error {}

export async function withLock<T>(path: string, work: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  await acquire(path, timeoutMs);
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
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
    text = await readFile(path, 'utf8');
  } catch {
    return false; // gone already: the next open will tell
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
