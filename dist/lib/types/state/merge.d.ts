import type { StateSnapshot } from './store.js';
export declare function emptySnapshot(): StateSnapshot;
/** How long a removed dead letter's id is remembered: longer than any parallel snapshot is merged. */
export declare const TOMBSTONE_RETENTION_MS: number;
export declare function mergeTombstones(a: Record<string, number> | undefined, b: Record<string, number> | undefined, nowMs: number): Record<string, number>;
export declare function mergeSnapshots(a: StateSnapshot, b: StateSnapshot, nowMs: number, windowMs: number): StateSnapshot;
export declare function isSnapshot(value: unknown): value is StateSnapshot;
