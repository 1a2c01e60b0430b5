// The seam to USR `.events.log` dispatch. The USR watcher lives in src/sources/usr-events/ (built on
// another branch); after the merge, this module re-exports its reader and the placeholder goes.
import { UsageError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';

/** Turns the text of a USR `.events.log` into events. */
export function eventsFromUsrLog(_text: string, source: string, _nowSeconds: number): NotificationEvent[] {
  throw new UsageError(
    `${source}: USR .events.log dispatch needs the watcher module (src/sources/usr-events), which this build does not include`,
    'dispatch Herald JSONL instead (`herald send --out events.jsonl`), or use a release that ships USR support',
  );
}
