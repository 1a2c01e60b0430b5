import * as z from '../core/zod.js';
export declare const MATRIX_TEXT_LIMIT = 8000;
export declare function escapeHtml(text: string): string;
/** Plain and HTML forms of one text, cut before escaping so no entity or tag is split. */
export declare function matrixContent(title: string, body: string, msgtype: string): Record<string, string>;
/** Same sink and event → same id: the homeserver drops a repeat of a transaction it has seen. */
export declare function matrixTxnId(sinkId: string, eventId: string): string;
export declare const matrix: import("./define.js").SinkDefinition<{
    homeserver: z.ZodMiniString<string>;
    room_id: z.ZodMiniString<string>;
    access_token: z.ZodMiniString<string>;
    msgtype: z.ZodMiniDefault<z.ZodMiniEnum<{
        "m.text": "m.text";
        "m.notice": "m.notice";
    }>>;
}>;
