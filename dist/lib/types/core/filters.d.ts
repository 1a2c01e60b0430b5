import type { NotificationEvent } from './event.js';
import type { CommonSinkConfig } from './config-schema.js';
/** Why the sink does not take the event, or null when it does. */
export declare function filterReason(sink: CommonSinkConfig, event: NotificationEvent): string | null;
/** The sink's routing keys in one phrase, to say why it took none of a run's events. */
export declare function describeRouting(sink: Pick<CommonSinkConfig, 'enabled' | 'events' | 'severities' | 'match_labels'>): string;
