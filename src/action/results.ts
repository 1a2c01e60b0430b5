// Per (event, sink) results: all of them in a JSON-lines file under RUNNER_TEMP (its path is the
// `results-file` output), and a bounded `results` output. The runner rejects outputs over 1 MB,
// and one run of a USR log can produce tens of thousands of results.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const RESULTS_OUTPUT_MAX_ENTRIES = 100;
export const RESULTS_OUTPUT_MAX_BYTES = 64 * 1024;

export interface ResultLine {
  sink_id: string;
  event_id: string;
  outcome: string;
  [key: string]: unknown;
}

const FAILED = new Set(['failed_permanent', 'dead_lettered']);

/** One file per step: two Herald steps of a job share RUNNER_TEMP, a retried step replaces its own. */
export async function writeResultsFile(dir: string, step: string, results: readonly ResultLine[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `results-${(step || 'step').replace(/[^A-Za-z0-9_.-]/g, '_')}.jsonl`);
  await writeFile(path, results.map((r) => JSON.stringify(r) + '\n').join(''));
  return path;
}

/**
 * The `results` output: every result when they fit, otherwise failures first (what a later step
 * most likely acts on), then the rest in order, up to the entry and byte bounds.
 */
export function boundedResults(results: readonly ResultLine[]): { json: string; truncated: boolean } {
  const all = JSON.stringify(results);
  if (results.length <= RESULTS_OUTPUT_MAX_ENTRIES && Buffer.byteLength(all) <= RESULTS_OUTPUT_MAX_BYTES) return { json: all, truncated: false };
  const ordered = [...results.filter((r) => FAILED.has(r.outcome)), ...results.filter((r) => !FAILED.has(r.outcome))];
  const kept: string[] = [];
  let bytes = 2;
  for (const r of ordered) {
    const text = JSON.stringify(r);
    if (kept.length >= RESULTS_OUTPUT_MAX_ENTRIES || bytes + Buffer.byteLength(text) + 1 > RESULTS_OUTPUT_MAX_BYTES) break;
    kept.push(text);
    bytes += Buffer.byteLength(text) + 1;
  }
  return { json: `[${kept.join(',')}]`, truncated: true };
}
