// `--on-truncate resume`: where to continue in a file that replaced the one the cursor pointed
// into. `usr pull` replaces the log with a superset (old content as prefix) and gardening keeps the
// last N lines, so the last handled line is found by its id and reading continues after it;
// when it is gone, every retained line is newer and reading starts at 0.
import { open, type FileHandle } from 'node:fs/promises';
import { lineEventId, lineIdBefore } from './identity.js';

/**
 * Whether the line that ended at `offset` when the cursor was saved is still there: a newline just
 * before the offset and, when its id is known, the same line (§10 #7: a file gardened or replaced
 * while no watcher ran is caught at start, not read from the middle of a line).
 */
export async function lineBeforeMatches(path: string, offset: number, lineId: string | null | undefined): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    return await endsWithLine(handle, offset, lineId);
  } finally {
    await handle.close();
  }
}

async function endsWithLine(handle: FileHandle, offset: number, lineId: string | null | undefined): Promise<boolean> {
  if (offset <= 0 || offset > (await handle.stat()).size) return false;
  // Records are at most 1 MiB, so the whole line fits.
  const from = Math.max(0, offset - (2 << 20));
  const buf = Buffer.alloc(offset - from);
  await handle.read(buf, 0, buf.length, from);
  if (buf[buf.length - 1] !== 10) return false;
  return !lineId || lineIdBefore(buf, buf.length) === lineId;
}

/** `lastLineId`: the id of the line that ended at the cursor (the cursor sidecar's). */
export async function findResumeOffset(path: string, cursorOffset: number, lastLineId: string | null | undefined): Promise<number> {
  if (!lastLineId) return 0;
  const handle = await open(path, 'r');
  try {
    if (await endsWithLine(handle, cursorOffset, lastLineId)) return cursorOffset;
    // Scan the new file for the line.
    let base = 0;
    let pending = Buffer.alloc(0);
    for (;;) {
      const chunk = Buffer.alloc(pending.length + (1 << 20));
      pending.copy(chunk);
      const { bytesRead } = await handle.read(chunk, pending.length, 1 << 20, base + pending.length);
      if (bytesRead === 0) return 0;
      const data = chunk.subarray(0, pending.length + bytesRead);
      let start = 0;
      for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10, start)) {
        if (lineEventId(data, start, nl) === lastLineId) return base + nl + 1;
        start = nl + 1;
      }
      pending = Buffer.from(data.subarray(start));
      base += start;
    }
  } finally {
    await handle.close();
  }
}
