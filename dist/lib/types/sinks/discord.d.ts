import { z } from 'zod';
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
export declare const discord: import("./define.js").SinkDefinition<{
    webhook_url: z.ZodString;
    username: z.ZodOptional<z.ZodString>;
    avatar_url: z.ZodOptional<z.ZodString>;
}>;
export {};
