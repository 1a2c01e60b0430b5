// Rendering, apart from delivery: what a sink would send for an event. Pure, so `herald render`,
// `send --dry-run` and the action's pull-request preview show exactly what delivery would post.
import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import { filterReason } from '../core/filters.js';
import type { RenderedMessage } from '../sinks/define.js';
import { applyTemplate } from '../core/template.js';
import { digestEvent } from './digest.js';

/** What a dry-run shows for a living message: what the event would do, and to which stored message. */
export interface ThreadPreview {
  conversation: string;
  action: 'create' | 'edit' | 'reply' | 'edit_and_reply';
  ref?: { id: string; channel?: string };
}

export interface RenderedForSink {
  sink_id: string;
  kind: string;
  event_id: string;
  /** Null when the sink's filters exclude the event; `reason` says why. */
  message: RenderedMessage | null;
  reason?: string;
  /** What the state says would happen: 'deduplicated' when already delivered in the window. */
  wouldBe?: 'deduplicated';
  /** For a living message: whether the event would create, edit or reply, and to which stored message. */
  threading?: ThreadPreview;
}

/** The event as this sink sees it: its labels added, its template applied (escaping comes later, in render). */
export function prepareForSink(sink: SinkEntry, event: NotificationEvent): NotificationEvent {
  const labelled = Object.keys(sink.config.labels).length ? { ...event, labels: { ...sink.config.labels, ...event.labels } } : event;
  return applyTemplate(labelled, sink.config.template);
}

export function renderForSink(sink: SinkEntry, event: NotificationEvent): RenderedMessage {
  return sink.definition.render(prepareForSink(sink, event), sink.config);
}

/** Whether the sink takes backed-up events as one digest message. */
export function sinkDigests(sink: SinkEntry): boolean {
  const digests = sink.definition.digests;
  return sink.config.digest && (typeof digests === 'function' ? digests(sink.config) : Boolean(digests));
}

/** One digest message standing for several events, rendered by the sink like any event. */
export function renderDigestForSink(sink: SinkEntry, prepared: NotificationEvent[]): RenderedMessage {
  return sink.definition.render(digestEvent(prepared), sink.config);
}

/** Every (event, sink) pair: the message, or why the sink would not get the event. */
export function renderEach(sinks: readonly SinkEntry[], events: readonly NotificationEvent[]): RenderedForSink[] {
  const out: RenderedForSink[] = [];
  for (const event of events) {
    for (const sink of sinks) {
      const base = { sink_id: sink.config.id, kind: sink.config.kind, event_id: event.event_id };
      const reason = filterReason(sink.config, event);
      if (reason) {
        out.push({ ...base, message: null, reason });
        continue;
      }
      try {
        out.push({ ...base, message: renderForSink(sink, event) });
      } catch (error) {
        out.push({ ...base, message: null, reason: `render failed: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }
  return out;
}
