import * as z from '../core/zod.js';
/** Mattermost 5.0+ posts hold 16,383 characters (runes). */
export declare const MATTERMOST_TEXT_LIMIT = 16383;
export declare const mattermost: import("./define.js").SinkDefinition<{
    webhook_url: z.ZodMiniString<string>;
    channel: z.ZodMiniOptional<z.ZodMiniString<string>>;
    username: z.ZodMiniOptional<z.ZodMiniString<string>>;
    icon_url: z.ZodMiniOptional<z.ZodMiniString<string>>;
    icon_emoji: z.ZodMiniOptional<z.ZodMiniString<string>>;
}>;
