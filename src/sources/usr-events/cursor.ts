// The cursor file (reference §4.2): a bare decimal byte offset, no newline, mode 0600, so
// `stat -c %s .events.log > cursor` still seeds it. Herald writes it atomically and keeps a sidecar
// `<cursor>.herald.json` with the id of the last handled line, which lets a watcher find its place
// again in a replaced file (§10 #6, #7) without changing the cursor format.
import { mkdir, readFile } from 'node:fs/promises';
import { chmodSync, closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { CREATE_NEW_NOFOLLOW } from '../../state/files.js';
import { dirname } from 'node:path';
import { WatchError } from './errors.js';

export interface CursorSidecar {
  offset: number;
  /** event id (sha256 prefix) of the line that ends at `offset`. */
  last_event_id: string | null;
}

export async function readCursor(path: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 0;
    // Told like the garbage-cursor case below, never as an internal failure.
    throw new WatchError(`cannot read the cursor file (${code === 'EISDIR' ? 'it is a folder' : (code ?? (error as Error).message)}): ${path}`);
  }
  const trimmed = text.trim();
  if (!trimmed) return 0;
  if (!/^[-+]?\d+$/.test(trimmed)) throw new WatchError(`cursor file must contain an integer byte offset: ${path}`);
  const value = Number(trimmed);
  if (value < 0) throw new WatchError(`cursor offset must be >= 0: ${path}`);
  return value;
}

export async function readSidecar(cursorPath: string): Promise<CursorSidecar | undefined> {
  try {
    const value = JSON.parse(await readFile(`${cursorPath}.herald.json`, 'utf8')) as CursorSidecar;
    return typeof value.offset === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

export class CursorWriter {
  private dirReady = false;
  constructor(readonly path: string) {}

  async save(offset: number, lastEventId: string | null): Promise<void> {
    if (!this.dirReady) {
      await mkdir(dirname(this.path), { recursive: true });
      this.dirReady = true;
    }
    // Sidecar first: a crash between the two leaves a sidecar ahead of the cursor, which is ignored.
    const sidecar: CursorSidecar = { offset, last_event_id: lastEventId };
    atomicWrite(`${this.path}.herald.json`, JSON.stringify(sidecar));
    atomicWrite(this.path, String(offset));
  }
}

/**
 * Synchronous calls: the watch waits for the commit anyway, and each of these is microseconds,
 * where a round trip through libuv's thread pool per call cost milliseconds per commit on a busy host.
 */
function atomicWrite(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  // A new file that is not a link: a temp name planted as a link to another file is refused.
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, CREATE_NEW_NOFOLLOW, 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(tmp, 0o600);
  } catch {
    throw new WatchError(`failed to set secure permissions on cursor file: ${path}`);
  }
  renameSync(tmp, path);
}
