// The audit chain's synchronous file access (see dir-audit.ts for why synchronous): descriptors
// kept open across appends, and reads that never follow a symlink planted in the state folder.
import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { READ_NOFOLLOW, nofollowError } from './files.js';

/** A descriptor kept open across appends, reopened when the name now leads to another file or none. */
export class KeptFile {
  private fd: number | undefined;
  private path: string | undefined;
  private ino: number | undefined;

  constructor(private readonly flags: number) {}

  get inode(): number | undefined {
    return this.ino;
  }

  /** `ino`: what a stat of `path` just gave (undefined: no file there). */
  get(path: string, ino: number | undefined): number {
    if (this.fd !== undefined && (this.path !== path || this.ino !== ino)) this.close();
    if (this.fd === undefined) {
      this.fd = openNoFollow(path, this.flags);
      this.path = path;
      this.ino = fstatSync(this.fd).ino;
    }
    return this.fd;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = this.path = this.ino = undefined;
  }
}

export function inodeOf(path: string): number | undefined {
  try {
    return lstatSync(path).ino;
  } catch {
    return undefined;
  }
}

export function openNoFollow(path: string, flags: number): number {
  try {
    return openSync(path, flags, 0o600);
  } catch (error) {
    throw nofollowError(path, error);
  }
}

export function readRange(path: string, start: number, end: number): string {
  const fd = openNoFollow(path, READ_NOFOLLOW);
  try {
    const buffer = Buffer.alloc(end - start);
    const read = readSync(fd, buffer, 0, buffer.length, start);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function statOf(path: string): { size: number; ino?: number } {
  try {
    const info = lstatSync(path);
    return { size: info.size, ino: info.ino };
  } catch {
    return { size: 0 };
  }
}
