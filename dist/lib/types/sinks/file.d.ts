import * as z from '../core/zod.js';
export declare const fileSink: import("./define.js").SinkDefinition<{
    path: z.ZodMiniString<string>;
}>;
