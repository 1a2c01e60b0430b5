// Node ≥ 22.1 can keep V8's compiled code between runs, which a job script that calls `herald
// send` at every step pays again each time; the bundle's chunks keep theirs too (chunk-loader.ts),
// on every Node. Both live in the user's own cache folder (0700): compiled code read back from a
// folder another user can write would run as this user, so a folder that is not ours, or is
// writable by others, is not used.
import module from 'node:module';
import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

type EnableCompileCache = (dir?: string) => unknown;

const cachingOff = (env: NodeJS.ProcessEnv) => Boolean(env.NODE_DISABLE_COMPILE_CACHE || env.HERALD_NO_COMPILE_CACHE);

/** Herald's compiled-code folder, made 0700 if need be; undefined when turned off or not safe to use. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (cachingOff(env)) return undefined;
  try {
    const dir = join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'herald', 'compile-cache');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const info = statSync(dir);
    if (info.uid !== process.getuid?.() || (info.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined; // a read-only or missing home: run without the cache
  }
}

/** Turns on Node's module compile cache (Node ≥ 22.1) in `dir`, or where NODE_COMPILE_CACHE says. */
export function enableCompileCache(dir: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const enable = (module as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (!enable || cachingOff(env)) return;
  if (env.NODE_COMPILE_CACHE) enable(); // the user's own choice of folder
  else if (dir) enable(dir);
}
