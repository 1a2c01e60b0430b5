import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import type { RenderedMessage } from '../sinks/define.js';
/** What a dry-run shows for a living message: what the event would do, and to which stored message. */
export interface ThreadPreview {
    conversation: string;
    action: 'create' | 'edit' | 'reply' | 'edit_and_reply';
    ref?: {
        id: string;
        channel?: string;
    };
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
export declare function prepareForSink(sink: SinkEntry, event: NotificationEvent): NotificationEvent;
export declare function renderForSink(sink: SinkEntry, event: NotificationEvent): RenderedMessage;
/** Whether the sink takes backed-up events as one digest message. */
export declare function sinkDigests(sink: SinkEntry): boolean;
/** One digest message standing for several events, rendered by the sink like any event. */
export declare function renderDigestForSink(sink: SinkEntry, prepared: NotificationEvent[]): RenderedMessage;
/** Every (event, sink) pair: the message, or why the sink would not get the event. */
export declare function renderEach(sinks: readonly SinkEntry[], events: readonly NotificationEvent[]): RenderedForSink[];
