import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
/** Text is cut at 4,096 characters; a whole message (text or card) may not pass 32,000 bytes. */
export declare const GOOGLECHAT_TEXT_LIMIT = 4096;
export declare const GOOGLECHAT_MESSAGE_BYTES = 32000;
/**
 * `<users/all>` pings the whole space and `<url|text>` makes a link; a zero-width space after
 * every `<` keeps the text as written and stops both. Chat's text syntax has no escape character.
 */
export declare function defuseChatText(text: string): string;
/** Card text is a subset of HTML: escaped, with line breaks as <br>. */
export declare function cardHtml(text: string): string;
export declare function googleChatMessage(event: NotificationEvent, cfg: {
    format: 'text' | 'rich';
    conversation?: string;
}): Record<string, unknown>;
export declare const googlechat: import("./define.js").SinkDefinition<{
    webhook_url: z.ZodMiniString<string>;
    format: z.ZodMiniDefault<z.ZodMiniEnum<{
        text: "text";
        rich: "rich";
    }>>;
    /** Template of the thread key; unset: the event's run_id and task_id; "": no threads. */
    conversation: z.ZodMiniOptional<z.ZodMiniString<string>>;
}>;
