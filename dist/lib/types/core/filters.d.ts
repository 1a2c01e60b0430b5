import type { NotificationEvent } from './event.js';
import type { CommonSinkConfig } from './config-schema.js';
/** Why the sink does not take the event, or null when it does. */
export declare function filterReason(sink: CommonSinkConfig, event: NotificationEvent): string | null;
