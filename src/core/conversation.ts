// Which messages belong together (a thread, a living message): the conversation key. A sink's
// `conversation:` template wins; otherwise the event's run and task say it. Kept in core so every
// sink that threads (Google Chat's threadKey, the living-messages work) derives it the same way.
import type { NotificationEvent } from './event.js';
import { fill } from './template.js';

/** The event's run_id and task_id joined by '/'; '' (no thread) when both are empty. */
export function defaultConversationKey(event: Pick<NotificationEvent, 'run_id' | 'task_id'>): string {
  return [event.run_id, event.task_id].filter((part): part is string => Boolean(part)).join('/');
}

/**
 * The conversation `template` filled for the event, or the default key when there is no template;
 * '' means no conversation (so `conversation: ""` turns threading off).
 */
export function conversationKey(event: NotificationEvent, template: string | undefined): string {
  return template !== undefined ? fill(template, event).trim() : defaultConversationKey(event);
}
