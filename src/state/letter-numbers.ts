// A dead letter keeps the numbers its event was written with (issue 13 #8): `1.0` stays a float and
// an integer beyond 2^53 stays exact, whichever store holds it, so a replay sends what the first
// attempt would have sent. The dir store writes Python's json (sorted keys); Redis keeps compact
// JSON; both read back through the one lossless parser.
import { parseRecordText } from '../core/lossless-json.js';
import { compactJson } from '../core/python-json.js';
import type { DeadLetter } from './store.js';

/** A letter as compact JSON with its numbers as written (JSON.stringify would drop `.0` and digits). */
export function encodeLetterCompact(letter: DeadLetter): string {
  return compactJson(letter);
}

/**
 * Puts back the details' written numbers into a letter read with JSON.parse from `raw`; the slower
 * re-parse runs only for text that holds such a number.
 */
export function keepWrittenNumbers(letter: DeadLetter, raw: string): void {
  if (!/[\s\[:]-?\d+\.0[,}\]]|\d{16}/.test(raw)) return;
  try {
    const details = (parseRecordText(raw, { keepFloats: true }) as { event?: { details?: unknown } }).event?.details;
    if (details && typeof details === 'object') letter.event = { ...letter.event, details: details as DeadLetter['event']['details'] };
  } catch {
    /* the plain parse already succeeded; keep its values */
  }
}
