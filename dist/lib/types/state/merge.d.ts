import type { StateSnapshot } from './store.js';
export declare function emptySnapshot(): StateSnapshot;
export declare function mergeSnapshots(a: StateSnapshot, b: StateSnapshot, nowMs: number, windowMs: number): StateSnapshot;
export declare function isSnapshot(value: unknown): value is StateSnapshot;
