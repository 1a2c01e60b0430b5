// The bare baseline for USR catch-up: read the log in 1 MiB chunks, split lines, JSON.parse each.
// A line JSON.parse rejects is retried once with Python's bare NaN / Infinity / -Infinity tokens
// (outside strings) replaced by null, as a reader of Python-written JSON must; the rest throw.
// Usage: node _bare-parse.mjs LOG   → prints {"records":N,"nonFinite":M}
import { openSync, readSync } from 'node:fs';

const NON_FINITE = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;
const fd = openSync(process.argv[2], 'r');
const buf = Buffer.allocUnsafe(1 << 20);
let pending = '';
let records = 0;
let nonFinite = 0;
let pos = 0;
for (;;) {
  const read = readSync(fd, buf, 0, buf.length, pos);
  if (!read) break;
  pos += read;
  const lines = (pending + buf.toString('utf8', 0, read)).split('\n');
  pending = lines.pop();
  for (const line of lines) {
    if (!line) continue;
    try {
      JSON.parse(line);
    } catch {
      JSON.parse(line.replace(NON_FINITE, (m) => (m[0] === '"' ? m : 'null')));
      nonFinite++;
    }
    records++;
  }
}
process.stdout.write(JSON.stringify({ records, nonFinite }) + '\n');
