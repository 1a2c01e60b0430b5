import * as z from '../core/zod.js';
import { PermanentError } from '../core/errors.js';
import { type NotificationEvent } from '../core/event.js';
export type { MessageRef, ThreadedOps } from './define.js';
export declare const THREADING_MODES: readonly ["new", "update", "reply", "update_and_reply"];
export type ThreadingMode = (typeof THREADING_MODES)[number];
/** Spread into the config of every sink that defines `threaded`. */
export declare const ThreadingShape: {
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
};
export interface ThreadingKeys {
    threading: ThreadingMode;
    conversation?: string;
    reply_on?: readonly string[];
    conversation_ttl_days: number;
}
/** The stored message was deleted (or never existed here): post a fresh parent instead. */
export declare class ParentGoneError extends PermanentError {
    constructor(message: string);
}
/** Progress records and `running` states edit the parent; they never post on their own. */
export declare function isProgressEvent(event: NotificationEvent): boolean;
