import { z } from 'zod';
/** Pushover's documented limits, in characters. */
export declare const PUSHOVER_LIMITS: {
    readonly message: 1024;
    readonly title: 250;
    readonly url: 512;
    readonly url_title: 100;
};
/** -2 no notification, -1 quiet, 0 normal, 1 high (2, emergency, needs retry/expire: not offered). */
export declare const PUSHOVER_PRIORITIES: {
    readonly info: -1;
    readonly warning: 0;
    readonly error: 1;
    readonly critical: 1;
};
export declare const pushover: import("./define.js").SinkDefinition<{
    token: z.ZodString;
    user: z.ZodString;
    api_base_url: z.ZodDefault<z.ZodString>;
    device: z.ZodOptional<z.ZodString>;
    sound: z.ZodOptional<z.ZodString>;
    priorities: z.ZodDefault<z.ZodObject<{
        info: z.ZodOptional<z.ZodNumber>;
        warning: z.ZodOptional<z.ZodNumber>;
        error: z.ZodOptional<z.ZodNumber>;
        critical: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
}>;
