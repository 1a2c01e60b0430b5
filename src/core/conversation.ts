// Which conversation an event belongs to: the key under which a sink keeps its "living message"
// (one message per run, edited or replied to by the run's later events). Front doors that know
// the run better than run_id/task_id (the action, exec under a scheduler, watch, send
// --conversation) put their key in the `conversation` label.
import type { NotificationEvent } from './event.js';
import { fill } from './template.js';

/** The label front doors set to name an event's conversation. */
export const CONVERSATION_LABEL = 'conversation';

/** run_id and task_id together; undefined when both are empty (no threading for that event). */
export function defaultConversationKey(event: NotificationEvent): string | undefined {
  const parts = [event.run_id, event.task_id].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join('/') : undefined;
}

/**
 * The sink's `conversation:` template when it has one (empty result: no conversation), else the
 * event's conversation label, else run_id + task_id.
 */
export function conversationOf(event: NotificationEvent, template?: string): string | undefined {
  if (template !== undefined) return fill(template, event).trim() || undefined;
  const labelled = event.labels[CONVERSATION_LABEL]?.trim();
  return labelled || defaultConversationKey(event);
}

/** The event with its conversation named (a front door's key); an empty key leaves it as it was. */
export function withConversation(event: NotificationEvent, key: string | undefined): NotificationEvent {
  if (!key?.trim()) return event;
  return { ...event, labels: { ...event.labels, [CONVERSATION_LABEL]: key.trim() } };
}
