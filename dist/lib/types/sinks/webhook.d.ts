import { z } from 'zod';
export declare const webhook: import("./define.js").SinkDefinition<{
    url: z.ZodString;
    headers: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodPipe<z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>, z.ZodTransform<string, string | number | boolean>>>>;
    method: z.ZodDefault<z.ZodEnum<{
        POST: "POST";
        PUT: "PUT";
        PATCH: "PATCH";
    }>>;
}>;
