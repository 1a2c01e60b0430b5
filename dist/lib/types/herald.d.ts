import type { RuntimeContext } from './core/context.js';
import type { LoadedConfig } from './config/load.js';
import { type EventInput, type NotificationEvent } from './core/event.js';
import type { HttpClient } from './sinks/http.js';
import type { StateStore } from './state/store.js';
import { type DispatchOptions, type RenderedForSink } from './dispatch/dispatcher.js';
import type { Outcome } from './dispatch/outcome.js';
import { type HeraldOptions } from './open-config.js';
export { openConfig, usabilityProblem, type HeraldOptions, type OpenedConfig } from './open-config.js';
export interface Herald {
    config: LoadedConfig;
    store: StateStore;
    ctx: RuntimeContext;
    http: HttpClient;
    /** Builds events from inputs (filling title, severity and a stable id) and delivers them. */
    send(events: readonly (NotificationEvent | EventInput)[], options?: DispatchOptions): Promise<Outcome[]>;
    /** Delivers complete events as they are (a source built them). */
    deliver(events: readonly NotificationEvent[], options?: DispatchOptions): Promise<Outcome[]>;
    /** What each selected sink would receive; sends nothing, writes nothing. */
    render(events: readonly NotificationEvent[], sinkIds?: readonly string[]): RenderedForSink[];
    /** Whether a dead letter of this sink outlives the run (its own spool, or a durable store). */
    keepsDeadLetters(sinkId: string): boolean;
    /** Whether a sink keeps living messages, so front doors name each event's conversation. */
    keepsLivingMessages: boolean;
    /** Each living-message sink's stored message for the event's conversation: sink id → message id. */
    messageIds(event: NotificationEvent, sinkIds?: readonly string[]): Promise<Record<string, string>>;
    /** `render`, marked where the state says an event was already delivered to that sink. */
    preview(events: readonly NotificationEvent[], sinkIds?: readonly string[]): Promise<RenderedForSink[]>;
    close(): Promise<void>;
}
export declare function createHerald(options?: HeraldOptions): Promise<Herald>;
