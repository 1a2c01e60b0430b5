import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
import { type UsrPayload } from './usr-webhook-format.js';
/**
 * The notify payload an event stands for: a USR record's own (`details.usr`, kept as the watcher
 * built it), or one made from any other event (a lifecycle event, a digest) in the same shape.
 */
export declare function usrPayloadOf(event: NotificationEvent): UsrPayload;
export declare const usrWebhook: import("./define.js").SinkDefinition<{
    url: z.ZodMiniString<string>;
    provider: z.ZodMiniDefault<z.ZodMiniEnum<{
        slack: "slack";
        discord: "discord";
        generic: "generic";
    }>>;
    spool_dir: z.ZodMiniOptional<z.ZodMiniString<string>>;
}>;
