import * as z from '../core/zod.js';
export declare const consoleSink: import("./define.js").SinkDefinition<{
    show_body: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
}>;
