import * as z from '../core/zod.js';
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
    token: z.ZodMiniString<string>;
    user: z.ZodMiniString<string>;
    api_base_url: z.ZodMiniDefault<z.ZodMiniString<string>>;
    device: z.ZodMiniOptional<z.ZodMiniString<string>>;
    sound: z.ZodMiniOptional<z.ZodMiniString<string>>;
    priorities: z.ZodMiniDefault<z.ZodMiniObject<{
        info: z.ZodMiniOptional<z.ZodMiniNumber<number>>;
        warning: z.ZodMiniOptional<z.ZodMiniNumber<number>>;
        error: z.ZodMiniOptional<z.ZodMiniNumber<number>>;
        critical: z.ZodMiniOptional<z.ZodMiniNumber<number>>;
    }, z.core.$strict>>;
}>;
