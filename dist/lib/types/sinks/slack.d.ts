import { z } from 'zod';
export declare const SLACK_TEXT_LIMIT = 40000;
/** mrkdwn control characters; Slack asks for exactly these three to be escaped. */
export declare function escapeMrkdwn(text: string): string;
export declare const slack: import("./define.js").SinkDefinition<{
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
    webhook_url: z.ZodOptional<z.ZodString>;
    token: z.ZodOptional<z.ZodString>;
    api_base_url: z.ZodDefault<z.ZodString>;
    username: z.ZodOptional<z.ZodString>;
    icon_emoji: z.ZodOptional<z.ZodString>;
    channel: z.ZodOptional<z.ZodString>;
}>;
