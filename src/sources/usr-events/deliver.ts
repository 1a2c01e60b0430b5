// One event's delivery (reference §4.6): the profile webhook under a state-store claim, so a
// restart never resends a confirmed event, then every Herald sink; a webhook failure is spooled
// when a spool is configured. 'unsent' tells the runner to stop with the cursor before the event.
import { postBody } from './python-json.js';
import type { NotifyPayload } from './payload.js';
import type { WatchDeps, WatchSettings } from './runner.js';
import { writeSpoolFile } from './spool.js';
import { usrToEvent } from './to-event.js';
import type { UsrRecord } from './validate.js';

const WEBHOOK_SINK = 'usr-webhook';
const BUSY_RETRIES = 10;
const BUSY_WAIT_MS = 300;

export interface Delivery {
  record: UsrRecord;
  payload: NotifyPayload;
  /** The provider body for the webhook; undefined without a provider. */
  formatted: Record<string, unknown> | undefined;
  eventId: string;
  nowMs: number;
}

export async function deliver(s: WatchSettings, deps: WatchDeps, d: Delivery): Promise<{ outcome: 'delivered' | 'spooled' | 'unsent'; error: string }> {
  const { eventId, formatted } = d;
  let error = '';
  if (s.sender && formatted) {
    let claim = s.store ? await s.store.claim(WEBHOOK_SINK, eventId, d.nowMs) : 'new';
    // 'busy': another live process holds the claim, or a crashed one left it half-written. Only
    // 'seen' means delivered; waiting out 'busy' and then counting the event as not sent keeps a
    // claim from skipping it silently (the cursor would pass it).
    for (let wait = 0; claim === 'busy' && wait < BUSY_RETRIES; wait++) {
      await deps.sleep(BUSY_WAIT_MS);
      claim = await s.store!.claim(WEBHOOK_SINK, eventId, deps.nowMs());
    }
    if (claim === 'busy') {
      error = `event ${eventId} is claimed by another delivery that has not finished`;
      deps.warn(error);
    } else if (claim === 'new') {
      const failure = await s.sender.post(postBody(formatted), eventId);
      if (failure === null) {
        if (s.store) await s.store.confirm(WEBHOOK_SINK, eventId, deps.nowMs());
      } else {
        if (s.store) await s.store.release(WEBHOOK_SINK, eventId).catch(() => undefined);
        error = failure;
        deps.warn(failure);
      }
    }
  }
  if (s.herald) {
    // Herald sinks dead-letter their own failures: every outcome there is terminal.
    await s.herald.dispatcher.dispatch([usrToEvent(d.record, d.payload, eventId, d.nowMs)]);
  }
  if (!error) return { outcome: 'delivered', error };
  if (s.spoolDir) {
    await writeSpoolFile(s.spoolDir, s.provider ?? 'generic', d.payload, deps.nowMs());
    return { outcome: 'spooled', error };
  }
  return { outcome: 'unsent', error };
}
