import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
/** Webex's documented maximum for a message's markdown. */
export declare const WEBEX_MARKDOWN_BYTES = 7439;
/** `❌ **title**`, the body, one line of facts and the run link, within 7,439 bytes. */
export declare function webexMarkdown(event: NotificationEvent): string;
export declare const webex: import("./define.js").SinkDefinition<{
    token: z.ZodMiniString<string>;
    room_id: z.ZodMiniString<string>;
    api_base_url: z.ZodMiniDefault<z.ZodMiniString<string>>;
}>;
