import * as z from '../core/zod.js';
export declare const webhook: import("./define.js").SinkDefinition<{
    url: z.ZodMiniString<string>;
    headers: z.ZodMiniDefault<z.ZodMiniRecord<z.ZodMiniString<string>, z.ZodMiniPipe<z.ZodMiniUnion<readonly [z.ZodMiniString<string>, z.ZodMiniNumber<number>, z.ZodMiniBoolean<boolean>]>, z.ZodMiniTransform<string, any>>>>;
    method: z.ZodMiniDefault<z.ZodMiniEnum<{
        POST: "POST";
        PUT: "PUT";
        PATCH: "PATCH";
    }>>;
}>;
