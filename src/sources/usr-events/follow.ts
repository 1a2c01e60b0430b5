// The follow engine (reference §4.4): reads `.events.log` in chunks from a byte offset and yields
// batches of complete lines, never holding the file. A line without its newline is never handed
// out (§10 #3); in follow mode it waits for the writer, with the idle timeout still running (§10 #2).
// Replacement (new inode), truncation and disappearance follow `--on-truncate`.
import { readSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { WatchError } from './errors.js';
import { parseRecordText } from './json.js';
import { ConfigError } from '../../core/errors.js';


export type TruncateMode = 'error' | 'restart' | 'resume';

export interface LineBatch {
  /** Bytes [0, end) are complete lines, each ending in "\n". */
  buffer: Buffer;
  end: number;
  /** File offset of buffer[0]. */
  base: number;
  /** True when this batch starts a new file (restart/resume after a replacement). */
  reopened: boolean;
}

export interface FollowOptions {
  path: string;
  startOffset: number;
  follow: boolean;
  waitForEvents: boolean;
  idleTimeoutMs?: number;
  pollMs: number;
  onTruncate: TruncateMode;
  /** Where to continue in a replaced file (resume mode). */
  resumeOffset?: (path: string) => Promise<number>;
  /** Whether the file still holds, just before a starting offset, the line the cursor was saved after. */
  verifyStart?: (path: string, offset: number) => Promise<boolean>;
  sleep: (ms: number) => Promise<void>;
  nowMs: () => number;
  chunkBytes?: number;
  /** Polls a newline-terminated but invalid last line is held back before it is handed out anyway. */
  maxHoldPolls?: number;
}

export type EndReason = 'eof' | 'idle' | 'never-appeared';

// Half a MiB: a chunk decoded whole stays under the size at which Node makes an external string,
// whose memory outlives the chunk until a full GC (peak RSS rose by a quarter at 1 MiB).
const DEFAULT_CHUNK = 1 << 19;

export class EventLogFollower {
  endedBy: EndReason = 'eof';
  private handle: FileHandle | undefined;
  private ino = 0;
  private dev = 0;
  private lineStart = 0;
  private pending: Buffer = Buffer.alloc(0);
  private buffer: Buffer = Buffer.alloc(0);
  private lastActivity = 0;
  private holdPolls = 0;
  private reopened = false;

  constructor(private readonly o: FollowOptions) {}

  async close(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  async *batches(): AsyncGenerator<LineBatch> {
    const o = this.o;
    const started = o.nowMs();
    this.lastActivity = started;
    if (!(await this.openWhenPresent(started))) return;
    try {
      const size = (await this.handle!.stat()).size;
      let offset = o.startOffset;
      if (offset > size) {
        if (o.onTruncate === 'error') {
          throw new WatchError(`cursor offset exceeds events file size: offset=${offset} size=${size}. If the file was truncated or rotated, pass --on-truncate restart.`);
        }
        offset = o.onTruncate === 'resume' && o.resumeOffset ? await o.resumeOffset(o.path) : 0;
      } else if (offset > 0 && o.verifyStart && !(await o.verifyStart(o.path, offset))) {
        // Gardened or replaced while no watcher ran (§10 #7): reading on would start mid-line.
        if (o.onTruncate === 'error') {
          throw new WatchError(`events file changed under the cursor: the line before offset=${offset} is not the one last read. If the file was rotated, gardened or replaced, pass --on-truncate resume (continue after the last line read) or --on-truncate restart.`);
        }
        offset = o.onTruncate === 'resume' && o.resumeOffset ? await o.resumeOffset(o.path) : 0;
      }
      this.lineStart = offset;
      for (;;) {
        const batch = await this.readBatch();
        if (batch) {
          yield batch;
          continue;
        }
        if (!o.follow) return;
        if (o.idleTimeoutMs !== undefined && o.nowMs() - this.lastActivity >= o.idleTimeoutMs) {
          this.endedBy = 'idle';
          return;
        }
        await o.sleep(o.pollMs);
        await this.checkPath();
      }
    } finally {
      await this.close();
    }
  }

  private async openWhenPresent(started: number): Promise<boolean> {
    const o = this.o;
    for (;;) {
      try {
        await this.openFile();
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (!(o.follow && o.waitForEvents)) throw new WatchError(`events file not found: ${o.path}`);
      if (o.idleTimeoutMs !== undefined && o.nowMs() - started >= o.idleTimeoutMs) {
        this.endedBy = 'never-appeared';
        return false;
      }
      await o.sleep(o.pollMs);
    }
  }

  private async openFile(): Promise<void> {
    const handle = await open(this.o.path, 'r');
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      // A folder or a device is a mistake in the flag or profile, not a delivery problem.
      throw new ConfigError(`the events file ${info.isDirectory() ? 'is a folder' : 'is not a regular file'}: ${this.o.path}`, { file: this.o.path, fix: 'give the path of the .events.log file (--events or the profile\'s events)' });
    }
    await this.close();
    this.handle = handle;
    this.ino = info.ino;
    this.dev = info.dev;
    this.pending = Buffer.alloc(0);
  }

  private async readBatch(): Promise<LineBatch | undefined> {
    for (;;) {
      const { batch, more } = await this.readOnce();
      // A full read that ended inside a line (a record longer than a chunk): read on at once
      // rather than report the end of the file.
      if (batch || !more) return batch;
    }
  }

  private async readOnce(): Promise<{ batch?: LineBatch; more: boolean }> {
    const chunk = this.o.chunkBytes ?? DEFAULT_CHUNK;
    // One buffer for every batch (a batch is done with before the next read): the unfinished
    // line moves to its front and the read lands after it.
    const pendingLength = this.pending.length;
    if (this.buffer.length < pendingLength + chunk) {
      const bigger = Buffer.allocUnsafe(pendingLength + chunk);
      this.pending.copy(bigger, 0);
      this.buffer = bigger;
    } else if (this.pending.buffer !== this.buffer.buffer || this.pending.byteOffset !== this.buffer.byteOffset) {
      this.pending.copy(this.buffer, 0);
    }
    const buffer = this.buffer;
    this.pending = buffer.subarray(0, pendingLength);
    const readPos = this.lineStart + pendingLength;
    let bytesRead: number;
    try {
      // A synchronous read: the watch loop waits for each batch anyway, and a trip through the
      // thread pool per MiB left the loop idle for a tenth of a catch-up.
      bytesRead = readSync(this.handle!.fd, buffer, pendingLength, chunk, readPos);
    } catch (error) {
      if (!isStale(error)) throw error;
      await this.replaced('events file handle became stale while following');
      return { more: false };
    }
    if (bytesRead === 0) return { more: false };
    const data = buffer.subarray(0, pendingLength + bytesRead);
    let end = data.lastIndexOf(10) + 1;
    if (end > 0 && this.o.follow && bytesRead < chunk) end = this.holdInvalidTail(data, end);
    // A view, not a copy: the next read moves it to the front (copy handles the overlap).
    this.pending = data.subarray(end);
    if (end === 0) return { more: bytesRead === chunk };
    const batch: LineBatch = { buffer: data, end, base: this.lineStart, reopened: this.reopened };
    this.reopened = false;
    this.lineStart += end;
    this.lastActivity = this.o.nowMs();
    return { batch, more: true };
  }

  /** A newline-terminated last line that is not JSON may be a write in progress being rolled back. */
  private holdInvalidTail(data: Buffer, end: number): number {
    const start = data.lastIndexOf(10, end - 2) + 1;
    const text = data.toString('utf8', start, end).trim();
    if (!text) return end;
    try {
      parseRecordText(text);
      this.holdPolls = 0;
      return end;
    } catch {
      if (this.holdPolls >= (this.o.maxHoldPolls ?? 5)) {
        this.holdPolls = 0;
        return end;
      }
      this.holdPolls++;
      return start;
    }
  }

  private async checkPath(): Promise<void> {
    let info;
    try {
      info = await stat(this.o.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (this.o.onTruncate === 'error') {
        throw new WatchError('events file disappeared while following. Pass --on-truncate restart to resume from start.');
      }
      return; // restart/resume: wait for it to come back (the idle timeout still applies)
    }
    if (info.ino !== this.ino || info.dev !== this.dev) {
      await this.replaced('events file was replaced while following');
      return;
    }
    const readPos = this.lineStart + this.pending.length;
    if (info.size < readPos) {
      if (info.size >= this.lineStart) {
        // Only an unfinished line went away: the writer's rollback (§1.4 step 7).
        this.pending = Buffer.alloc(0);
        return;
      }
      await this.replaced(`events file was truncated while following (pos=${readPos} size=${info.size})`);
    }
  }

  private async replaced(reason: string): Promise<void> {
    const o = this.o;
    if (o.onTruncate === 'error') throw new WatchError(`${reason}. Pass --on-truncate restart to resume from start.`);
    await this.openFile();
    this.lineStart = o.onTruncate === 'resume' && o.resumeOffset ? await o.resumeOffset(o.path) : 0;
    this.reopened = true;
    this.lastActivity = o.nowMs();
  }
}

function isStale(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ESTALE' || code === 'EBADF';
}
