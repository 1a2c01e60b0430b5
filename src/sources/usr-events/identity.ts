// A USR record's stable id: sha256 of the record's own bytes (CR and surrounding blanks removed).
// The writer never rewrites a record, and gardening and `usr pull` copy lines byte for byte, so the
// id survives file replacement, unlike a byte offset.
import { createHash } from 'node:crypto';

export function lineEventId(buffer: Buffer, start: number, end: number): string {
  while (start < end && isBlank(buffer[start]!)) start++;
  while (end > start && isBlank(buffer[end - 1]!)) end--;
  return createHash('sha256').update(buffer.subarray(start, end)).digest('hex').slice(0, 32);
}

function isBlank(byte: number): boolean {
  return byte === 32 || byte === 9 || byte === 13 || byte === 10;
}

/** The id of the line that ends just before `end` (a newline at end - 1), or null for a blank line. */
export function lineIdBefore(buffer: Buffer, end: number): string | null {
  const newline = end - 1;
  // lastIndexOf counts a negative offset from the end, so the first line is a case of its own.
  const start = newline > 0 ? buffer.lastIndexOf(10, newline - 1) + 1 : 0;
  let s = start;
  while (s < newline && isBlank(buffer[s]!)) s++;
  return s === newline ? null : lineEventId(buffer, start, newline);
}
