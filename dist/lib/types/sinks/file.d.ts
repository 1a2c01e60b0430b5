import { z } from 'zod';
export declare const fileSink: import("./define.js").SinkDefinition<{
    path: z.ZodString;
}>;
