import * as z from '../core/zod.js';
export declare const GOTIFY_MESSAGE_LIMIT = 16000;
/** Gotify's bands: 1–3 no sound, 4–7 sound, 8–10 pop-up. */
export declare const GOTIFY_PRIORITIES: {
    readonly info: 2;
    readonly warning: 5;
    readonly error: 8;
    readonly critical: 10;
};
export declare const gotify: import("./define.js").SinkDefinition<{
    url: z.ZodMiniString<string>;
    token: z.ZodMiniString<string>;
    priorities: z.ZodMiniDefault<z.ZodMiniObject<{
        info: z.ZodMiniOptional<z.ZodMiniNumber<number>>;
        warning: z.ZodMiniOptional<z.ZodMiniNumber<number>>;
        error: z.ZodMiniOptional<z.ZodMiniNumber<number>>;
        critical: z.ZodMiniOptional<z.ZodMiniNumber<number>>;
    }, z.core.$strict>>;
}>;
