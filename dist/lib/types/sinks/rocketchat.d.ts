import * as z from '../core/zod.js';
/** Rocket.Chat's default "Maximum Allowed Characters Per Message" (Message_MaxAllowedSize). */
export declare const ROCKETCHAT_TEXT_LIMIT = 5000;
export declare const rocketchat: import("./define.js").SinkDefinition<{
    webhook_url: z.ZodMiniString<string>;
    channel: z.ZodMiniOptional<z.ZodMiniString<string>>;
    username: z.ZodMiniOptional<z.ZodMiniString<string>>;
    icon_url: z.ZodMiniOptional<z.ZodMiniString<string>>;
    icon_emoji: z.ZodMiniOptional<z.ZodMiniString<string>>;
    /** A server whose administrator raised Message_MaxAllowedSize can take longer messages. */
    max_message_chars: z.ZodMiniDefault<z.ZodMiniNumber<number>>;
}>;
