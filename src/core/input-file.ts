// Reading a file a user (or a repository) hands Herald: a config, a profile, a payload, an events
// file. Each is checked before it is read — a folder, a device (/dev/zero never ends), a FIFO or a
// file past the size cap is a clear error naming it — and decoded as strict UTF-8, so a stray
// Latin-1 byte is reported with its line instead of turning into U+FFFD inside a secret or a key.
// Read with the synchronous calls: a file of at most a few megabytes is read in a blink, and
// node:fs/promises costs a command ~3 ms to load (it pulls in readline).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigError } from './errors.js';

/** Config files and profiles: far beyond any real one, small enough to parse at once. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Payload and events files handed to `send --payload-file` and the action's `events-file`. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

export interface InputFileOptions {
  /** What the file is to the user: "config", "--payload-file", "profile". */
  what: string;
  maxBytes: number;
  /** Builds the error (a ConfigError naming the file by default; a UsageError for a flag). */
  fail?: (message: string, fix?: string) => Error;
  /** A missing file is not an error: undefined is returned. */
  optional?: boolean;
}

export async function readInputFile(path: string, options: InputFileOptions): Promise<string | undefined> {
  const fail = options.fail ?? ((message: string, fix?: string) => new ConfigError(message, { file: path, fix }));
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not hang before the type check below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.optional) return undefined;
    if (code === 'ENOENT') throw fail(`${options.what} not found`, 'check the path');
    if (code === 'EACCES' || code === 'EPERM') throw fail(`cannot read the ${options.what} (permission denied)`, 'check the file permissions');
    throw fail(`cannot read the ${options.what} (${code ?? (error as Error).message})`);
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw fail(`the ${options.what} is a folder, not a file`, 'name the file inside it');
    if (!info.isFile()) throw fail(`the ${options.what} is not a regular file (a device, pipe or socket)`, 'give the path of a plain file');
    if (info.size > options.maxBytes) {
      throw fail(`the ${options.what} is ${formatBytes(info.size)}; the limit is ${formatBytes(options.maxBytes)}`, 'split it, or check that this is the right file');
    }
    // Read at most one byte past the cap: a file that grows while being read is still bounded.
    const buffer = Buffer.alloc(Math.min(info.size, options.maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > options.maxBytes) throw fail(`the ${options.what} grew past ${formatBytes(options.maxBytes)} while being read`);
    return decodeUtf8(buffer.subarray(0, length), (line) => fail(`the ${options.what} is not valid UTF-8 (line ${line})`, 'save it as UTF-8'));
  } finally {
    closeSync(fd);
  }
}

/** Strict UTF-8; a bad byte sequence becomes the error for its 1-based line. */
export function decodeUtf8(bytes: Uint8Array, fail: (line: number) => Error): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail(firstInvalidLine(bytes));
  }
}

function firstInvalidLine(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2).replace(/\.?0+$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}
