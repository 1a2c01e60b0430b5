// `--on-truncate resume`: where to continue in a file that replaced the one the cursor pointed
// into. `usr pull` replaces the log with a superset (old content as prefix) and gardening keeps the
// last N lines, so the last handled line is found by its id and reading continues after it;
// when it is gone, every retained line is newer and reading starts at 0.
import { open } from 'node:fs/promises';
import { lineEventId } from './identity.js';

export async function findResumeOffset(path: string, cursorOffset: number, lastEventId: string | null | undefined): Promise<number> {
  if (!lastEventId) return 0;
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    if (cursorOffset > 0 && cursorOffset <= size) {
      const from = Math.max(0, cursorOffset - (2 << 20));
      const buf = Buffer.alloc(cursorOffset - from);
      await handle.read(buf, 0, buf.length, from);
      if (buf[buf.length - 1] === 10) {
        const start = buf.lastIndexOf(10, buf.length - 2) + 1;
        if (lineEventId(buf, start, buf.length - 1) === lastEventId) return cursorOffset;
      }
    }
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
        if (lineEventId(data, start, nl) === lastEventId) return base + nl + 1;
        start = nl + 1;
      }
      pending = Buffer.from(data.subarray(start));
      base += start;
    }
  } finally {
    await handle.close();
  }
}
