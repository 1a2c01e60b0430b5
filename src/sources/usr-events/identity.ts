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
