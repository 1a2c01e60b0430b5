// Dry-run output lines collected in one reused byte buffer and handed out once per batch. Joining
// an array of freshly concatenated lines made V8 flatten every line's rope, which cost as much as
// encoding them; Buffer.write flattens straight into the bytes instead. The batch leaves as bytes:
// turning it into a string for stdout to encode back cost as much as parsing the records.
// Only ASCII goes in (json.dumps with ensure_ascii), so latin1 is exact.
export class AsciiLineBuffer {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private length = 0;

  get empty(): boolean {
    return this.length === 0;
  }

  push(line: string): void {
    const need = line.length + 1;
    if (this.length + need > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + need));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(line, this.length, 'latin1');
    this.buffer[this.length++] = 10;
  }

  /** The lines so far, joined by "\n" without a trailing one; empties the buffer. */
  take(): string {
    const text = this.buffer.toString('latin1', 0, this.length - 1);
    this.length = 0;
    return text;
  }

  /**
   * The lines so far, each ending in "\n", as a copy the caller may keep (a stream may queue it
   * while this buffer takes the next batch); empties the buffer.
   */
  takeBytes(): Buffer {
    const bytes = Buffer.from(this.buffer.subarray(0, this.length));
    this.length = 0;
    return bytes;
  }
}
