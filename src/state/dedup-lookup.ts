// Looking up a few event ids in a large dedup.jsonl without parsing it. A send of one event needs
// one or two keys; reading 100,000 lines into a Map for them cost most of the run. The file is
// streamed through one small buffer (allocating it whole cost more than searching it), byte
// search finds candidate lines, and each candidate is parsed and checked in full: a false match
// costs a parse, never a wrong answer.
import { readSync } from 'node:fs';
import { pythonJson } from '../core/python-format.js';
import { parseEntry } from './dedup-lines.js';

const NEWLINE = 0x0a;
const CHUNK_BYTES = 64 * 1024;

/** Past this many candidate lines for one id (an id that is also a common sink id), parse the file instead. */
const MAX_CANDIDATE_LINES = 256;

/**
 * The entries of `eventId` in the first `end` bytes of the file open as `fd` (whole lines): sink
 * id (`*` for a sinkless Bernstein line) → ts in ms of its last line, as reading the file top to
 * bottom leaves them. Undefined when the id matches too many lines: then the caller parses all.
 */
export function findEntries(fd: number, end: number, eventId: string): Map<string, number> | undefined {
  // The id as Python's json.dumps writes it (ASCII escapes) and as most other writers do (UTF-8);
  // for a plain ASCII id, the two are the same.
  const needles = [...new Set([pythonJson(eventId), JSON.stringify(eventId)])].map((form) => Buffer.from(form, 'utf8'));
  const found = new Map<string, number>();
  let candidates = 0;
  for (const { chunk } of wholeLineChunks(fd, end)) {
    const lineStarts = new Set<number>();
    for (const needle of needles) {
      for (let at = chunk.indexOf(needle); at >= 0; at = chunk.indexOf(needle, at + needle.length)) {
        lineStarts.add(chunk.lastIndexOf(NEWLINE, at) + 1);
      }
    }
    candidates += lineStarts.size;
    if (candidates > MAX_CANDIDATE_LINES) return undefined;
    for (const start of [...lineStarts].sort((a, b) => a - b)) {
      const entry = parseEntry(chunk.toString('utf8', start, chunk.indexOf(NEWLINE, start)));
      if (typeof entry === 'object' && entry.eventId === eventId) found.set(entry.sinkId, entry.tsMs);
    }
  }
  return found;
}

/** The first `end` bytes in pieces that end at a newline (a piece grows to hold a longer line). */
function* wholeLineChunks(fd: number, end: number): Generator<{ chunk: Buffer }> {
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let position = 0;
  while (position < end) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, end - position), position);
    if (read <= 0) return;
    const last = buffer.subarray(0, read).lastIndexOf(NEWLINE);
    if (last < 0) {
      if (position + read >= end) return; // no whole line left
      buffer = Buffer.allocUnsafe(buffer.length * 2);
      continue;
    }
    yield { chunk: buffer.subarray(0, last + 1) };
    position += last + 1;
  }
}

/**
 * A look at the file around `offset` without reading the rest: the ts of the first entry line
 * that starts after it, and the mean length of the (up to 8) lines from there.
 */
export function sampleLines(fd: number, offset: number, end: number): { tsMs: number; lineBytes: number } | undefined {
  const buffer = Buffer.allocUnsafe(Math.min(16 * 1024, Math.max(0, end - offset)));
  const bytes = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, offset));
  let start = offset === 0 ? 0 : bytes.indexOf(NEWLINE) + 1;
  if (start === 0 && offset !== 0) return undefined;
  const first = start;
  let tsMs: number | undefined;
  let lines = 0;
  for (let newline = bytes.indexOf(NEWLINE, start); newline >= 0 && lines < 8; newline = bytes.indexOf(NEWLINE, start)) {
    const entry = parseEntry(bytes.toString('utf8', start, newline));
    if (typeof entry === 'object') tsMs ??= entry.tsMs;
    lines++;
    start = newline + 1;
  }
  return tsMs === undefined ? undefined : { tsMs, lineBytes: (start - first) / lines };
}
