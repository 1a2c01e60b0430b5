import { z } from 'zod';
/** Mattermost 5.0+ posts hold 16,383 characters (runes). */
export declare const MATTERMOST_TEXT_LIMIT = 16383;
export declare const mattermost: import("./define.js").SinkDefinition<{
    webhook_url: z.ZodString;
    channel: z.ZodOptional<z.ZodString>;
    username: z.ZodOptional<z.ZodString>;
    icon_url: z.ZodOptional<z.ZodString>;
    icon_emoji: z.ZodOptional<z.ZodString>;
}>;
