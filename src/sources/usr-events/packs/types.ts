// The tool-event pack interface (reference §5.7): per action, a status override, a message override
// and an evaluator deciding emit/suppress. Pack state is per (bucket, run id) and is a plain JSON
// object, so the watcher can persist it in the state store (§10 #18).
import type { UsrRecord } from '../validate.js';
import type { UsrStatus } from '../status.js';

export interface ProgressSettings {
  stepPct?: number;
  minSeconds?: number;
  heartbeatSeconds?: number;
}

export type RunState = Record<string, unknown>;

export interface PackInput {
  record: UsrRecord;
  runId: string;
  /** Event time in seconds. */
  now: number;
  settings: ProgressSettings;
  /** Mutable state of this handler's bucket for this run (empty object at first). */
  state: RunState;
}

export interface Evaluation {
  emit: boolean;
  durationSeconds?: number | null;
}

export interface ToolEventHandler {
  /** State bucket name; handlers sharing one share state. Null: no state. */
  bucket: string | null;
  status(input: PackInput): UsrStatus | null;
  message(input: PackInput, evaluation: Evaluation): string | null;
  evaluate(input: PackInput): Evaluation;
}

export class PackError extends Error {}

export function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function datasetName(record: UsrRecord): string {
  const name = obj(record.dataset).name;
  return typeof name === 'string' && name ? name : 'unknown-dataset';
}
