export { createHerald, type Herald, type HeraldOptions } from './herald.js';
export { buildEvent, toPayload, deriveEventId, severityFromOutcome, type NotificationEvent, type EventInput, type Severity } from './core/event.js';
export { ConfigError, UsageError, TransientError, PermanentError } from './core/errors.js';
export { defineSink, type SinkDefinition, type RenderedMessage, type DeliverContext } from './sinks/define.js';
export type { Outcome } from './dispatch/outcome.js';
