import { z } from 'zod';
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
    format: z.ZodDefault<z.ZodEnum<{
        text: "text";
        rich: "rich";
    }>>;
    threading: z.ZodDefault<z.ZodEnum<{
        new: "new";
        update: "update";
        reply: "reply";
        update_and_reply: "update_and_reply";
    }>>;
    conversation: z.ZodOptional<z.ZodString>;
    reply_on: z.ZodOptional<z.ZodArray<z.ZodEnum<{
        info: "info";
        warning: "warning";
        error: "error";
        critical: "critical";
    }>>>;
    conversation_ttl_days: z.ZodDefault<z.ZodNumber>;
    token: z.ZodString;
    chat_id: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>>;
    thread_id: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>>;
    message_thread_id: z.ZodOptional<z.ZodNumber>;
    disable_notification: z.ZodOptional<z.ZodBoolean>;
    api_base_url: z.ZodDefault<z.ZodString>;
}>;
