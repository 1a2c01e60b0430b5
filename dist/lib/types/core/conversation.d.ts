import type { NotificationEvent } from './event.js';
/** The label front doors set to name an event's conversation. */
export declare const CONVERSATION_LABEL = "conversation";
/** run_id and task_id together; undefined when both are empty (no threading for that event). */
export declare function defaultConversationKey(event: NotificationEvent): string | undefined;
/**
 * The sink's `conversation:` template when it has one (empty result: no conversation), else the
 * event's conversation label, else run_id + task_id.
 */
export declare function conversationOf(event: NotificationEvent, template?: string): string | undefined;
/** The event with its conversation named (a front door's key); an empty key leaves it as it was. */
export declare function withConversation(event: NotificationEvent, key: string | undefined): NotificationEvent;
