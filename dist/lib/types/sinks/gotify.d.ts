import { z } from 'zod';
export declare const GOTIFY_MESSAGE_LIMIT = 16000;
/** Gotify's bands: 1–3 no sound, 4–7 sound, 8–10 pop-up. */
export declare const GOTIFY_PRIORITIES: {
    readonly info: 2;
    readonly warning: 5;
    readonly error: 8;
    readonly critical: 10;
};
export declare const gotify: import("./define.js").SinkDefinition<{
    url: z.ZodString;
    token: z.ZodString;
    priorities: z.ZodDefault<z.ZodObject<{
        info: z.ZodOptional<z.ZodNumber>;
        warning: z.ZodOptional<z.ZodNumber>;
        error: z.ZodOptional<z.ZodNumber>;
        critical: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
}>;
