// A pull-request preview: what each sink would receive, marked where the state says the event was
// already delivered there, and with the living-message step it would take. Claims nothing, writes
// nothing.
import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import type { StateStore } from '../state/store.js';
import { dedupKeyFor } from './dedup-key.js';
import type { RenderedForSink } from './render.js';
import type { Threading } from './threading.js';

export async function markPreview(rendered: RenderedForSink[], selected: SinkEntry[], events: readonly NotificationEvent[], store: StateStore, threads: Threading, nowMs: number): Promise<RenderedForSink[]> {
  const snapshot = await store.exportSnapshot(nowMs);
  const delivered = new Set(snapshot.dedup.map((d) => `${d.sink_id}\u0000${d.event_id}`));
  const sinks = new Map(selected.map((s) => [s.config.id, s]));
  // By id, once: a pull-request preview of a 20,000-record log must not search the list per item.
  const byId = new Map<string, NotificationEvent>();
  for (const e of events) if (!byId.has(e.event_id)) byId.set(e.event_id, e);
  for (const item of rendered) {
    const sink = sinks.get(item.sink_id);
    if (item.message && sink?.config.dedup && delivered.has(`${dedupKeyFor(sink)}\u0000${item.event_id}`)) item.wouldBe = 'deduplicated';
    const event = item.message && sink && threads.applies(sink) && byId.get(item.event_id);
    if (event) item.threading = await threads.preview(sink, event);
  }
  return rendered;
}
