import { z } from 'zod';
export declare const consoleSink: import("./define.js").SinkDefinition<{
    show_body: z.ZodDefault<z.ZodBoolean>;
}>;
