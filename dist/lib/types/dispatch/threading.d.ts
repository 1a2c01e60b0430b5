import type { RuntimeContext } from '../core/context.js';
import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import type { DeliverContext, RenderedMessage } from '../sinks/define.js';
import { type ThreadingMode } from '../sinks/threading.js';
import type { StateStore } from '../state/store.js';
import { type ThreadPreview } from './render.js';
/** How long a claim on a conversation's first post holds before another process may take over. */
export declare const PARENT_CLAIM_MS = 60000;
export declare class Threading {
    private readonly deps;
    constructor(deps: {
        store: StateStore;
        ctx: RuntimeContext;
    });
    modeOf(sink: SinkEntry): ThreadingMode;
    /** Whether this sink keeps living messages (and so takes no digests). */
    applies(sink: SinkEntry): boolean;
    /** What the event does to its conversation's message; undefined when it has no conversation. */
    private plan;
    /**
     * Indexes of events that only edit a parent which a later event of the same dispatch edits
     * again: sending them would be overwritten at once. `admitted` says which events pass filters.
     */
    superseded(sink: SinkEntry, events: readonly NotificationEvent[], admitted: (event: NotificationEvent) => boolean): Set<number>;
    /** Delivers one rendered event: create, edit and/or reply, recording where the parent lives. */
    send(sink: SinkEntry, message: RenderedMessage, ctx: DeliverContext, event: NotificationEvent): Promise<void>;
    /** The stored parent's record, or undefined when this process now holds the claim to post it. */
    private parentOrClaim;
    private createParent;
    /** Stores where the message lives. The message is out: failing now would retry and post again, so it warns. */
    private remember;
    private record;
    /** What delivering the event would do, and to which stored message; undefined for a plain post. */
    preview(sink: SinkEntry, event: NotificationEvent): Promise<ThreadPreview | undefined>;
}
/** Whether any of these sinks keeps living messages (front doors then name the conversation). */
export declare function keepsLivingMessages(sinks: readonly SinkEntry[]): boolean;
