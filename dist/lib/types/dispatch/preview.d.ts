import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import type { StateStore } from '../state/store.js';
import type { RenderedForSink } from './render.js';
import type { Threading } from './threading.js';
export declare function markPreview(rendered: RenderedForSink[], selected: SinkEntry[], events: readonly NotificationEvent[], store: StateStore, threads: Threading, nowMs: number): Promise<RenderedForSink[]>;
