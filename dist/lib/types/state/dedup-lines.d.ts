import type { DedupEntry } from './store.js';
export interface DedupLineEntry {
    eventId: string;
    /** `*` for a sinkless (Bernstein) line: it stands for every sink. */
    sinkId: string;
    tsMs: number;
}
/** One dedup.jsonl line, as Python's json.dumps writes it (this is on the hot path). */
export declare function encodeDedup(entry: DedupEntry): string;
/** One line as the reader takes it: an entry, undefined for JSON that is no entry, 'not json' otherwise. */
export declare function parseEntry(line: string): DedupLineEntry | 'not json' | undefined;
/**
 * Every entry of whole lines of dedup.jsonl, in order. Herald's own lines are matched in place (a
 * 100,000-line state is read at the start of every send, and one JSON object per line was most of
 * that cost); any other line (Bernstein's, escaped ids) goes through parseEntry. `notJson` hears
 * of each line that is not JSON, by its number counted from `firstLine`.
 */
export declare function readDedupLines(text: string, firstLine: number, each: (entry: DedupLineEntry) => void, notJson: (line: number) => void): number;
