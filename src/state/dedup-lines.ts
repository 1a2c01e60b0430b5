// The dedup.jsonl line: Bernstein's `{"event_id": …, "ts": …}` as Python's json.dumps writes it,
// plus Herald's `sink_id`. Writing, matching Herald's own lines in place, and reading any line.
import { PyFloat, pythonFloat, pythonJson } from '../core/python-format.js';
import type { DedupEntry } from './store.js';

export interface DedupLineEntry {
  eventId: string;
  /** `*` for a sinkless (Bernstein) line: it stands for every sink. */
  sinkId: string;
  tsMs: number;
}

/** One dedup.jsonl line, as Python's json.dumps writes it (this is on the hot path). */
export function encodeDedup(entry: DedupEntry): string {
  if (PLAIN_ASCII.test(entry.event_id) && PLAIN_ASCII.test(entry.sink_id)) {
    return `{"event_id": "${entry.event_id}", "ts": ${pythonFloat(entry.ts)}, "sink_id": "${entry.sink_id}"}\n`;
  }
  return pythonJson({ event_id: entry.event_id, ts: new PyFloat(entry.ts), sink_id: entry.sink_id }) + '\n';
}

/** One line as the reader takes it: an entry, undefined for JSON that is no entry, 'not json' otherwise. */
export function parseEntry(line: string): DedupLineEntry | 'not json' | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not json';
  }
  if (!value || typeof value !== 'object') return undefined;
  const { event_id, ts, sink_id } = value as { event_id?: unknown; ts?: unknown; sink_id?: unknown };
  if (typeof event_id !== 'string' || !event_id || typeof ts !== 'number') return undefined;
  return { eventId: event_id, sinkId: typeof sink_id === 'string' ? sink_id : '*', tsMs: ts * 1000 };
}

/**
 * Every entry of whole lines of dedup.jsonl, in order. Herald's own lines are matched in place (a
 * 100,000-line state is read at the start of every send, and one JSON object per line was most of
 * that cost); any other line (Bernstein's, escaped ids) goes through parseEntry. `notJson` hears
 * of each line that is not JSON, by its number counted from `firstLine`.
 */
export function readDedupLines(text: string, firstLine: number, each: (entry: DedupLineEntry) => void, notJson: (line: number) => void): number {
  let position = 0;
  let lines = 0;
  while (position < text.length) {
    OWN_LINE.lastIndex = position;
    const own = OWN_LINE.exec(text);
    lines++;
    if (own) {
      each({ eventId: own[1]!, sinkId: own[3]!, tsMs: Number(own[2]) * 1000 });
      position = OWN_LINE.lastIndex;
      continue;
    }
    const next = text.indexOf('\n', position);
    const line = text.slice(position, next);
    position = next + 1;
    if (!line.trim()) continue;
    const entry = parseEntry(line);
    if (entry === 'not json') notJson(firstLine + lines - 1);
    else if (entry) each(entry);
  }
  return lines;
}

// A line as encodeDedup writes it for plain ids (sticky: matched where the previous line ended).
const OWN_LINE = /\{"event_id": "([\x20\x21\x23-\x5b\x5d-\x7e]+)", "ts": (\d+(?:\.\d+)?(?:e[+-]?\d+)?), "sink_id": "([\x20\x21\x23-\x5b\x5d-\x7e]+)"\}\n/y;

// Printable ASCII without quote or backslash: encodes to itself.
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
