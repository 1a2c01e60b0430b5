import * as z from '../core/zod.js';
export declare const SLACK_TEXT_LIMIT = 40000;
/** mrkdwn control characters; Slack asks for exactly these three to be escaped. */
export declare function escapeMrkdwn(text: string): string;
export declare const slack: import("./define.js").SinkDefinition<{
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
    webhook_url: z.ZodMiniOptional<z.ZodMiniString<string>>;
    token: z.ZodMiniOptional<z.ZodMiniString<string>>;
    api_base_url: z.ZodMiniDefault<z.ZodMiniString<string>>;
    username: z.ZodMiniOptional<z.ZodMiniString<string>>;
    icon_emoji: z.ZodMiniOptional<z.ZodMiniString<string>>;
    channel: z.ZodMiniOptional<z.ZodMiniString<string>>;
}>;
