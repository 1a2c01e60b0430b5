import { z } from 'zod';
export declare const TELEGRAM_TEXT_LIMIT = 4096;
export declare function escapeHtml(text: string): string;
/**
 * The limit counts text after entity parsing, so the raw title and body are cut first and escaped
 * afterwards: an `&amp;` or the closing `</b>` can never be cut in half.
 */
export declare function telegramText(title: string, body: string): string;
export declare const telegram: import("./define.js").SinkDefinition<{
    token: z.ZodString;
    chat_id: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>>;
    thread_id: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>>;
    message_thread_id: z.ZodOptional<z.ZodNumber>;
    disable_notification: z.ZodOptional<z.ZodBoolean>;
    api_base_url: z.ZodDefault<z.ZodString>;
}>;
