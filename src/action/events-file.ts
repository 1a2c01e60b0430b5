// Events from artifacts of earlier jobs: Herald JSONL (`herald send --out`) or a USR
// `.events.log` (read as `herald watch` reads it, same event ids). Globs are expanded in the workspace; each file's type is detected from its
// first record, since both are JSON lines.
import { stat } from 'node:fs/promises';
import { MAX_PAYLOAD_BYTES, readInputFile } from '../core/input-file.js';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';
import { eventsFromPayloadText } from '../sources/lifecycle.js';
import { eventsFromUsrLog } from '../sources/usr-events/from-text.js';
import { parseRecordText } from '../sources/usr-events/json.js';

export type EventsFileType = 'herald' | 'usr';

/**
 * USR records carry `event_version` and `action`; Herald events carry `kind`. The first record is
 * read as the watcher reads it, so Python's NaN/Infinity tokens (which real USR logs hold) do not
 * make a USR log look like something else.
 */
export function detectEventsFileType(text: string): EventsFileType {
  const first = text.split('\n').find((line) => line.trim());
  if (!first) return 'herald';
  try {
    const record = parseRecordText(first.trim()) as Record<string, unknown>;
    if (record && typeof record === 'object' && 'event_version' in record && 'action' in record) return 'usr';
  } catch {
    // Not one JSON object per line: let the Herald parser say what is wrong.
  }
  return 'herald';
}

export async function expandEventsFiles(patterns: readonly string[], cwd: string): Promise<string[]> {
  const { glob } = await import('tinyglobby');
  const files = new Set<string>();
  for (const pattern of patterns) {
    const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, dot: true });
    if (!matches.length && (await stat(resolve(cwd, pattern)).catch(() => undefined))?.isDirectory()) {
      throw new UsageError(`input 'events-file': '${pattern}' is a folder, not a file`, `name the files in it, e.g. ${pattern.replace(/\/+$/, '')}/*.jsonl`);
    }
    if (!matches.length) throw new UsageError(`input 'events-file': nothing matches '${pattern}'`, 'check the artifact was downloaded to this path (actions/download-artifact path:)');
    for (const m of matches.sort()) files.add(resolve(m));
  }
  return [...files];
}

export async function eventsFromFiles(
  patterns: readonly string[],
  cwd: string,
  nowSeconds: number,
  extraLabels: Record<string, string>,
  warn: (message: string) => void = () => undefined,
): Promise<{ files: string[]; events: NotificationEvent[] }> {
  const files = await expandEventsFiles(patterns, cwd);
  const events: NotificationEvent[] = [];
  for (const file of files) {
    const text = (await readInputFile(file, { what: 'events file', maxBytes: MAX_PAYLOAD_BYTES, fail: (message, fix) => new UsageError(`input 'events-file': ${message}: ${file}`, fix) }))!;
    // A job with nothing to report may leave an empty file behind; that is not an error.
    if (!text.trim()) continue;
    const parsed = detectEventsFileType(text) === 'usr' ? eventsFromUsrLog(text, file, nowSeconds, { warn }) : eventsFromPayloadText(text, file, nowSeconds);
    // The step's labels fill in; an event's own labels win.
    for (const event of parsed) events.push({ ...event, labels: { ...extraLabels, ...event.labels } });
  }
  return { files, events };
}
