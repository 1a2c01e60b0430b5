import { z } from 'zod';
import type { NotificationEvent } from '../core/event.js';
/** Webex's documented maximum for a message's markdown. */
export declare const WEBEX_MARKDOWN_BYTES = 7439;
/** `❌ **title**`, the body, one line of facts and the run link, within 7,439 bytes. */
export declare function webexMarkdown(event: NotificationEvent): string;
export declare const webex: import("./define.js").SinkDefinition<{
    token: z.ZodString;
    room_id: z.ZodString;
    api_base_url: z.ZodDefault<z.ZodString>;
}>;
