import { z } from 'zod';
/** Rocket.Chat's default "Maximum Allowed Characters Per Message" (Message_MaxAllowedSize). */
export declare const ROCKETCHAT_TEXT_LIMIT = 5000;
export declare const rocketchat: import("./define.js").SinkDefinition<{
    webhook_url: z.ZodString;
    channel: z.ZodOptional<z.ZodString>;
    username: z.ZodOptional<z.ZodString>;
    icon_url: z.ZodOptional<z.ZodString>;
    icon_emoji: z.ZodOptional<z.ZodString>;
    /** A server whose administrator raised Message_MaxAllowedSize can take longer messages. */
    max_message_chars: z.ZodDefault<z.ZodNumber>;
}>;
