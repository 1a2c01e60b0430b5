import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import type { RenderedMessage } from '../sinks/define.js';
export declare function stageOf(event: NotificationEvent): string;
/** The stages with this one added; a repeat of the latest (progress, progress…) is one stage. */
export declare function appendStage(stages: readonly string[], stage: string): string[];
/** For a rich sink, the message rendered again with the stage line; otherwise the message as it was. */
export declare function withStages(sink: SinkEntry, message: RenderedMessage, event: NotificationEvent, stages: readonly string[]): RenderedMessage;
