// The cursor lock `<cursor>.lock` (reference §4.3): JSON {"pid": N}, taken over when the pid is
// dead. Herald writes the content in the same step as the creation (temp file + link), so a
// half-written lock never reads as stale, and records the host: a lock from another host is never
// judged by its pid (§10 #9).
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { WatchError } from './errors.js';
import { isAlive } from '../../state/lock.js';

export async function acquireCursorLock(lockPath: string): Promise<() => Promise<void>> {
  const host = hostname();
  const tmp = `${lockPath}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ pid: process.pid, host }), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(tmp, lockPath);
        return async () => {
          try {
            await rm(lockPath);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new WatchError(`failed to release cursor lock: ${(error as Error).message}`);
          }
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let holder: { pid?: unknown; host?: unknown } | undefined;
      try {
        holder = JSON.parse(await readFile(lockPath, 'utf8')) as { pid?: unknown; host?: unknown };
      } catch {
        holder = undefined;
      }
      const pid = typeof holder?.pid === 'number' ? holder.pid : undefined;
      if (pid !== undefined) {
        const otherHost = typeof holder?.host === 'string' && holder.host !== host;
        if (otherHost || isAlive(pid)) throw new WatchError(`cursor lock already held: ${lockPath} (pid=${pid}${otherHost ? ` host=${String(holder!.host)}` : ''})`);
      }
      try {
        await rm(lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new WatchError(`failed to remove stale cursor lock: ${(error as Error).message}`);
      }
    }
    throw new WatchError(`failed to acquire cursor lock: ${lockPath}`);
  } finally {
    await rm(tmp, { force: true });
  }
}
