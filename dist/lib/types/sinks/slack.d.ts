import { z } from 'zod';
export declare const SLACK_TEXT_LIMIT = 40000;
/** mrkdwn control characters; Slack asks for exactly these three to be escaped. */
export declare function escapeMrkdwn(text: string): string;
export declare const slack: import("./define.js").SinkDefinition<{
    webhook_url: z.ZodString;
    username: z.ZodOptional<z.ZodString>;
    icon_emoji: z.ZodOptional<z.ZodString>;
    channel: z.ZodOptional<z.ZodString>;
}>;
