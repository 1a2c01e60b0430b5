import type { SinkEntry } from '../config/load.js';
export declare function dedupKeyFor(sink: SinkEntry): string;
