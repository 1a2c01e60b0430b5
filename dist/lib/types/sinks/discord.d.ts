import { z } from 'zod';
import type { NotificationEvent } from '../core/event.js';
export declare const DISCORD_LIMITS: {
    readonly title: 256;
    readonly description: 4096;
    readonly embedTotal: 6000;
    readonly content: 2000;
};
export declare const DISCORD_COLOURS: Record<string, number>;
interface Embed {
    title: string;
    description?: string;
    color: number;
}
/** Title and description within their limits, and both together within the 6000 total. */
export declare function discordEmbed(title: string, body: string, severity: string): Embed;
/** `format: rich`: the state's emoji and colour, the key facts as inline fields, the run as the title link. */
export declare function discordRichEmbed(event: NotificationEvent): Record<string, unknown>;
export declare const discord: import("./define.js").SinkDefinition<{
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
    webhook_url: z.ZodString;
    username: z.ZodOptional<z.ZodString>;
    avatar_url: z.ZodOptional<z.ZodString>;
}>;
export {};
