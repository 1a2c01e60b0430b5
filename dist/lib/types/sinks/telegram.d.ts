import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
export declare const TELEGRAM_TEXT_LIMIT = 4096;
export declare function escapeHtml(text: string): string;
/**
 * The limit counts text after entity parsing, so the raw title and body are cut first and escaped
 * afterwards: an `&amp;` or the closing `</b>` can never be cut in half.
 */
export declare function telegramText(title: string, body: string): string;
/** `format: rich`: the state's emoji before the bold title, the body, the key facts, a link to the run. */
export declare function telegramRichText(event: NotificationEvent): string;
export declare const telegram: import("./define.js").SinkDefinition<{
    format: z.ZodMiniDefault<z.ZodMiniEnum<{
        text: "text";
        rich: "rich";
    }>>;
    threading: z.ZodMiniDefault<z.ZodMiniEnum<{
        new: "new";
        update: "update";
        reply: "reply";
        update_and_reply: "update_and_reply";
    }>>;
    conversation: z.ZodMiniOptional<z.ZodMiniString<string>>;
    reply_on: z.ZodMiniOptional<z.ZodMiniArray<z.ZodMiniEnum<{
        info: "info";
        warning: "warning";
        error: "error";
        critical: "critical";
    }>>>;
    conversation_ttl_days: z.ZodMiniDefault<z.ZodMiniNumber<number>>;
    token: z.ZodMiniString<string>;
    chat_id: z.ZodMiniOptional<z.ZodMiniUnion<readonly [z.ZodMiniString<string>, z.ZodMiniNumber<number>]>>;
    thread_id: z.ZodMiniOptional<z.ZodMiniUnion<readonly [z.ZodMiniString<string>, z.ZodMiniNumber<number>]>>;
    message_thread_id: z.ZodMiniOptional<z.ZodMiniNumber<number>>;
    disable_notification: z.ZodMiniOptional<z.ZodMiniBoolean<boolean>>;
    api_base_url: z.ZodMiniDefault<z.ZodMiniString<string>>;
}>;
