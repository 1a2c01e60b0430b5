import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
export declare const ZULIP_CONTENT_LIMIT = 10000;
export declare const ZULIP_TOPIC_LIMIT = 60;
/**
 * Backslash escapes Zulip's renderer keeps from Python-Markdown, for the characters that matter on
 * one line inside `**…**`: emphasis, code, links, and the `@**all**` / `#**channel**` mentions.
 */
export declare function escapeZulipMarkdown(text: string): string;
export declare function zulipContent(title: string, body: string): string;
export declare function zulipTopic(event: NotificationEvent, template: string | undefined): string;
export declare const zulip: import("./define.js").SinkDefinition<{
    site: z.ZodMiniString<string>;
    email: z.ZodMiniString<string>;
    api_key: z.ZodMiniString<string>;
    stream: z.ZodMiniString<string>;
    /** A template over the event ({{task_id}}, {{labels.repo}}…); default: the task id, else the kind. */
    topic: z.ZodMiniOptional<z.ZodMiniString<string>>;
}>;
