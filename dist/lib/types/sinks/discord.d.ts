import * as z from '../core/zod.js';
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
    webhook_url: z.ZodMiniString<string>;
    username: z.ZodMiniOptional<z.ZodMiniString<string>>;
    avatar_url: z.ZodMiniOptional<z.ZodMiniString<string>>;
}>;
export {};
