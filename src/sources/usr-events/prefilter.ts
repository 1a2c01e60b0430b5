// "Do not parse what cannot match": with an action filter, a line is parsed only when it contains
// one of the quoted action names. Finding the next occurrence of each needle once per chunk keeps
// the scan linear and native (Buffer.indexOf). A line that does not look like a JSON object is
// never skipped this way, so garbage still meets --on-invalid-event.
export class ActionPrefilter {
  private readonly needles: Buffer[];
  private next: number[] = [];

  constructor(actions: readonly string[]) {
    this.needles = actions.map((a) => Buffer.from(JSON.stringify(a)));
    this.reset();
  }

  /** Forgets the positions found: call before each new batch (the follower reuses its buffer). */
  reset(): void {
    this.next = this.needles.map(() => -2);
  }

  /** Whether [start, end) may hold one of the actions (or is not an object and must be checked). */
  mayMatch(buffer: Buffer, start: number, end: number): boolean {
    if (buffer[start] !== 0x7b || !endsWithBrace(buffer, start, end)) return true;
    for (let i = 0; i < this.needles.length; i++) {
      let pos = this.next[i]!;
      if (pos !== -1 && pos < start) {
        pos = buffer.indexOf(this.needles[i]!, start);
        this.next[i] = pos;
      }
      if (pos !== -1 && pos < end) return true;
    }
    return false;
  }
}

function endsWithBrace(buffer: Buffer, start: number, end: number): boolean {
  let i = end - 1;
  while (i > start && (buffer[i] === 13 || buffer[i] === 32)) i--;
  return buffer[i] === 0x7d;
}
