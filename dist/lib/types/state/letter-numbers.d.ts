import type { DeadLetter } from './store.js';
/** A letter as compact JSON with its numbers as written (JSON.stringify would drop `.0` and digits). */
export declare function encodeLetterCompact(letter: DeadLetter): string;
/**
 * Puts back the details' written numbers into a letter read with JSON.parse from `raw`; the slower
 * re-parse runs only for text that holds such a number.
 */
export declare function keepWrittenNumbers(letter: DeadLetter, raw: string): void;
