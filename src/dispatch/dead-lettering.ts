// A failed event kept for `herald dlq replay`: in the sink's own store when it has one (the
// profile webhook's spool), else in the state's queue, else rescued to a local folder. Whether it
// was kept decides its outcome: dead_lettered, or failed_permanent when it could not be.
import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import { deadLetterId } from '../state/dir-dead-letters.js';
import type { DispatcherDeps } from './dispatch-types.js';

export async function keepDeadLetter(deps: DispatcherDeps, sink: SinkEntry, event: NotificationEvent, attempts: number, reason: string): Promise<boolean> {
  const { store, ctx } = deps;
  const ts = ctx.clock.nowMs() / 1000;
  const letter = { id: deadLetterId(sink.config.id, event.event_id, ts), sink_id: sink.config.id, event, reason, ts, attempts };
  try {
    const own = deps.deadLettersFor?.(sink);
    await (own ? own.add(letter) : store.addDeadLetter(letter));
    return true;
  } catch (e) {
    const rescue = deps.rescueDeadLetter;
    if (!rescue) ctx.log.warn(`could not write the dead letter for ${sink.config.id}/${event.event_id}: ${(e as Error).message}`);
    else if (await rescue(letter, e as Error)) return true;
    return false;
  }
}
