// Per-line validation in the order and with the messages of reference §1.7, and the startup
// events-file check (the first non-empty line of an existing file, YAML paths refused).
import { open } from 'node:fs/promises';
import { parseRecordText } from './json.js';

export const USR_EVENT_VERSION = 1;

export type UsrRecord = Record<string, unknown> & { action: string };

export class InvalidLineError extends Error {}

export function validateRecord(value: unknown, options: { allowUnknownVersion: boolean; expectedVersion?: number }): UsrRecord {
  const expected = options.expectedVersion ?? USR_EVENT_VERSION;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidLineError('event line must decode to a JSON object');
  const record = value as Record<string, unknown>;
  if (!('event_version' in record)) throw new InvalidLineError("event missing required 'event_version'");
  const version = record.event_version;
  // Python accepts true/false here (bool is an int); Herald does not (§10 #30).
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new InvalidLineError('event_version must be an integer');
  if (version !== expected && !options.allowUnknownVersion) throw new InvalidLineError(`unknown event_version=${version}; expected ${expected}`);
  if (typeof record.action !== 'string' || record.action.trim() === '') throw new InvalidLineError("event missing required 'action'");
  for (const field of ['dataset', 'actor']) {
    const v = record[field];
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      throw new InvalidLineError(`event field '${field}' must be an object when provided`);
    }
  }
  return record as UsrRecord;
}

/** Parses and validates one stripped line; throws InvalidLineError with the reference's text. */
export function parseLine(text: string, options: { allowUnknownVersion: boolean }): UsrRecord {
  let value: unknown;
  try {
    value = parseRecordText(text);
  } catch (error) {
    throw new InvalidLineError(`event line is not valid JSON: ${(error as Error).message}`);
  }
  return validateRecord(value, options);
}

export const EVENTS_HINT =
  'Find the USR .events.log path with `uv run dense inspect run --usr-events-path` from the DenseGen workspace, or use `uv run dense inspect run --usr-events-path -c <config.yaml>`.';

/** §1.7 startup check; returns whether the file exists. Throws Error with the reference's text. */
export async function checkEventsFile(path: string): Promise<boolean> {
  if (/\.ya?ml$/i.test(path)) throw new Error(`events must point to a USR .events.log JSONL file, not a config file: ${path}. ${EVENTS_HINT}`);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return false;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return false;
    const buffer = Buffer.alloc(Math.min(info.size, 2 * 1024 * 1024));
    await handle.read(buffer, 0, buffer.length, 0);
    const lines = buffer.toString('utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (!text) continue;
      let value: unknown;
      try {
        value = parseRecordText(text);
      } catch {
        throw new Error(`events must be a USR .events.log JSONL file; first non-empty line is not JSON (line ${i + 1}) in ${path}. ${EVENTS_HINT}`);
      }
      try {
        validateRecord(value, { allowUnknownVersion: true });
      } catch (error) {
        throw new Error(`events file does not look like USR .events.log (line ${i + 1}) in ${path}: ${(error as Error).message}. ${EVENTS_HINT}`);
      }
      break;
    }
    return true;
  } finally {
    await handle.close();
  }
}
