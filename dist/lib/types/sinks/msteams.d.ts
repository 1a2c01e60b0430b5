import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
/** Teams refuses messages above about 28 KB ("Request Entity too large"); a margin for the envelope. */
export declare const TEAMS_PAYLOAD_BYTES = 27000;
/** The message, its body cut (by bytes, on a character boundary) until the request fits. */
export declare function teamsMessage(event: NotificationEvent): Record<string, unknown>;
export declare const msteams: import("./define.js").SinkDefinition<{
    webhook_url: z.ZodMiniString<string>;
}>;
