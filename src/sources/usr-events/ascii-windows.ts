// Strings for the lines of an ASCII batch, decoded a window of whole lines at a time; each line is
// a slice of its window. A decode call per line cost as much as parsing the line, and one string
// for a whole chunk lived long enough to be promoted to the old generation, where dead chunks
// piled up until a full GC (peak RSS grew with the length of the log). A window this size stays
// in the young generation and dies there.
// Small, too: JSON.parse returns a record's strings as slices of the line, so of its window, and a
// payload keeps some of them until its batch is handled. A kept string holds its whole window:
// with 64 KiB windows three times more bytes survived each young-generation GC (most of them
// windows, copied again and promoted) than with 8 KiB (200,000-record catch-up, Node 24).
const WINDOW_BYTES = 8 * 1024;

export class AsciiLineWindows {
  private text = '';
  private start = 0;
  private end = 0;

  /** `onWindow` sees each newly decoded window (for checks that are cheaper once per window). */
  constructor(
    private readonly buffer: Buffer,
    private readonly batchEnd: number,
    private readonly onWindow?: (text: string) => void,
  ) {}

  /** The line at [lineStart, lineEnd): lines must be asked for in order. */
  line(lineStart: number, lineEnd: number): string {
    if (lineEnd > this.end || lineStart < this.start) {
      const limit = Math.min(this.batchEnd, lineStart + WINDOW_BYTES);
      const lastNewline = this.buffer.lastIndexOf(10, limit - 1);
      this.start = lineStart;
      this.end = Math.max(lineEnd, lastNewline);
      this.text = this.buffer.toString('latin1', this.start, this.end);
      this.onWindow?.(this.text);
    }
    return this.text.slice(lineStart - this.start, lineEnd - this.start);
  }
}
