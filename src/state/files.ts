// Crash-safe file primitives: atomic replace (temp, fsync, rename) and whole-line JSONL reading
// that skips a torn or corrupt line with a warning instead of failing. Every open here refuses a
// symbolic link (O_NOFOLLOW): a repository that commits `.herald/state/dead_letter.jsonl -> ~/x`
// must not make a `herald send` in its checkout write outside the state folder.
import { open, rename, rm, mkdir } from 'node:fs/promises';
import { closeSync, constants, fchmodSync, fsync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { ConfigError } from '../core/errors.js';

const { O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY } = constants;
/** open() flags: append (creating), read, and create-new — none follows a symbolic link. */
export const APPEND_NOFOLLOW = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW;
export const READ_NOFOLLOW = O_RDONLY | O_NOFOLLOW;
export const CREATE_NEW_NOFOLLOW = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;

export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
}

/** The error for a state file that is a symbolic link: exit 2, naming the path and the fix. */
export function symlinkRefused(path: string): ConfigError {
  return new ConfigError(`${path} is a symbolic link; Herald does not follow links in its state folder (one planted there would make it write elsewhere)`, {
    fix: `remove the link (rm ${path}), or point --state-dir / state.dir at a folder only you can write`,
  });
}

/** Turns the ELOOP of an O_NOFOLLOW open into symlinkRefused; other errors pass through. */
export function nofollowError(path: string, error: unknown): unknown {
  return (error as NodeJS.ErrnoException).code === 'ELOOP' ? symlinkRefused(path) : error;
}

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  // A new file (O_EXCL): a name planted in advance, link or not, fails instead of being written.
  const handle = await open(temp, CREATE_NEW_NOFOLLOW, 0o600).catch((e: unknown) => {
    throw nofollowError(temp, e);
  });
  try {
    await handle.writeFile(data);
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // rename() replaces a link at `path` itself, never the file it points to.
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * writeFileAtomic's steps (create-new no-follow temp, write, 0600, fsync, rename) with synchronous
 * calls around one asynchronous fsync: for a small state file rewritten on a hot path (a watch's
 * pack states at each cursor commit), where each thread-pool round trip cost more than its work.
 */
export async function writeSmallFileAtomic(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, CREATE_NEW_NOFOLLOW, 0o600);
  } catch (error) {
    throw nofollowError(temp, error);
  }
  try {
    writeFileSync(fd, data);
    fchmodSync(fd, 0o600);
    await new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A descriptor opened with these flags (O_NOFOLLOW among them), or the error that names a link. */
export function openNoFollowSync(path: string, flags: number): number {
  try {
    return openSync(path, flags, 0o600);
  } catch (error) {
    throw nofollowError(path, error);
  }
}

/** readTextIfExists with synchronous calls, for small state files read on a hot path. */
export function readTextIfExistsSync(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, READ_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw nofollowError(path, error);
  }
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** Appends whole text with one write on an O_APPEND descriptor that refuses links. */
export async function appendNoFollow(path: string, text: string): Promise<void> {
  const handle = await open(path, APPEND_NOFOLLOW, 0o600).catch((e: unknown) => {
    throw nofollowError(path, e);
  });
  try {
    await handle.write(text);
  } finally {
    await handle.close();
  }
}

export interface JsonlLine<T> {
  value: T;
  line: number;
}

/** Parses JSONL text; a line that does not parse is reported to `onBad` and skipped. */
export function parseJsonl<T>(text: string, onBad: (line: number, reason: string) => void): JsonlLine<T>[] {
  const out: JsonlLine<T>[] = [];
  const lines = text.split('\n');
  const complete = text.endsWith('\n') ? lines.length - 1 : lines.length;
  for (let i = 0; i < complete; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    const torn = i === lines.length - 1; // no newline after it: a write was cut short
    try {
      out.push({ value: JSON.parse(raw) as T, line: i + 1 });
    } catch {
      onBad(i + 1, torn ? 'torn last line' : 'not valid JSON');
    }
  }
  return out;
}

/** The file's text, '' when it does not exist; a link is refused, never read through. */
export async function readTextIfExists(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, READ_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw nofollowError(path, error);
  }
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
