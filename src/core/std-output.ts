// What Herald prints goes to file descriptors 1 and 2 with writeSync, not through process.stdout
// and process.stderr: the first touch of either stream builds Node's stream machinery (~12 M
// instructions, a twentieth of a short command's whole run on Node 24), and on Linux those streams
// write synchronously too, so lines keep their order, and nothing is left unwritten at exit.
// A reader that went away (`herald list | head -1`) is not a failure: what is left to print on
// that descriptor is dropped and the command carries on (a send still delivers).
import { fstatSync, writeSync } from 'node:fs';

type Write = (text: string | Uint8Array) => void;

let redirected: { out: Write; err: Write } | undefined;
const closed = new Set<number>();

export const writeOut: Write = (text) => (redirected ? redirected.out(text) : writeAll(1, text));
export const writeErr: Write = (text) => (redirected ? redirected.err(text) : writeAll(2, text));

/** Tests that run the CLI in-process read its output here; undefined puts the descriptors back. */
export function redirectOutput(to: { out: Write; err: Write } | undefined): void {
  redirected = to;
}

/** Whether a descriptor is a terminal, without building the stream when it cannot be one. */
export function isTerminal(fd: 1 | 2): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return Boolean((fd === 1 ? process.stdout : process.stderr).isTTY);
}

function writeAll(fd: number, text: string | Uint8Array): void {
  if (closed.has(fd)) return;
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A pipe left non-blocking by whoever holds its other end, and full: wait for the reader.
      if (code === 'EAGAIN') pause(2);
      else if (code === 'EPIPE' || code === 'EBADF') return void closed.add(fd);
      else throw error;
    }
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
