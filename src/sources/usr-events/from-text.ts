// A whole USR `.events.log` (an artifact of an earlier job) as Herald events, for the action's
// `events-file` input. Each line goes through what `herald watch` does with it — tolerant parse,
// §1.7 validation, actor checks, tool-event packs with in-memory throttle state, the generic status
// mapping, the unformatted payload and usrToEvent — so the event ids are the watcher's (a hash of
// the line's bytes) and a sink's dedup treats both paths as the same events.
import { UsageError } from '../../core/errors.js';
import type { NotificationEvent } from '../../core/event.js';
import { lineEventId } from './identity.js';
import { convertedEvent, MissingActorError, UsrConverter } from './convert.js';
import { PackError, type RunState } from './packs/types.js';
import type { PayloadOptions } from './payload.js';
import { InvalidLineError, parseLine } from './validate.js';

// dnadesign's defaults: no args, context or raw event in the payload.
const DEFAULT_INCLUDE: PayloadOptions = { includeArgs: false, includeContext: false, includeRawEvent: false };

export interface FromTextOptions {
  /** dnadesign's `--on-invalid-event`; its default, `error`, refuses the file at the first bad line. */
  onInvalid?: 'error' | 'skip';
  warn?: (line: string) => void;
}

export function eventsFromUsrLog(text: string, source: string, nowSeconds: number, options: FromTextOptions = {}): NotificationEvent[] {
  const onInvalid = options.onInvalid ?? 'error';
  const warn = options.warn ?? (() => undefined);
  const nowMs = nowSeconds * 1000;
  // Ids hash the line's bytes, as the watcher does on its read buffer.
  const buffer = Buffer.from(text, 'utf8');
  const packState = new Map<string, RunState>();
  const converter = new UsrConverter({ include: DEFAULT_INCLUDE, progress: {} });
  const events: NotificationEvent[] = [];
  let lineNo = 0;
  for (let start = 0; start < buffer.length; ) {
    lineNo++;
    const nl = buffer.indexOf(10, start);
    const end = nl === -1 ? buffer.length : nl;
    const lineStart = start;
    start = end + 1;
    const line = buffer.toString('utf8', lineStart, end).trim();
    if (!line) continue;
    const where = `${source}:${lineNo}`;
    const invalid = (message: string): void => {
      if (onInvalid === 'error') throw new UsageError(`${where}: ${message}`, 'fix or remove the line (the watcher would stop there too)');
      warn(`${where}: Skipping invalid event line: ${message}`);
    };
    let record;
    try {
      record = parseLine(line, { allowUnknownVersion: false });
    } catch (error) {
      if (!(error instanceof InvalidLineError)) throw error;
      // An unterminated tail is a write still in progress when the artifact was taken; the
      // watcher never consumes one either.
      if (nl === -1) {
        warn(`${where}: ignoring an incomplete last line (no newline)`);
        continue;
      }
      invalid(error.message);
      continue;
    }
    let admitted;
    try {
      admitted = converter.admit(record);
    } catch (error) {
      if (!(error instanceof MissingActorError)) throw error;
      // The watcher's error without its --tool/--run-id hint: the action has no such override.
      throw new UsageError(`${where}: ${error.message}`, 'USR events need actor.tool and actor.run_id');
    }
    if (!admitted) continue;
    const key = `${admitted.bucket}:${admitted.runId}`;
    let converted;
    try {
      converted = converter.finish(admitted, line, admitted.bucket ? packState.get(key) : undefined, nowMs);
    } catch (error) {
      if (!(error instanceof PackError)) throw error;
      invalid(error.message);
      continue;
    }
    const state = 'suppressed' in converted ? converted.suppressed : converted.packState;
    if (state) packState.set(key, state.state);
    if ('suppressed' in converted) continue;
    events.push(convertedEvent(converted, lineEventId(buffer, lineStart, end), nowMs));
  }
  return events;
}

