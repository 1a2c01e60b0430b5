import { z } from 'zod';
/** The variables a child always gets from Herald; `env:` may add others, never replace these. */
export declare function pinnedVariables(eventId: string, kind: string, severity: string, sinkId: string): Record<string, string>;
/** Names `env:` may not set: the inherited basics and every *_NOTIFY_* value Herald pins. */
export declare const PINNED_NAMES: string[];
export declare function childEnvironment(parent: Record<string, string | undefined>, declared: Record<string, string>, pinned: Record<string, string>): Record<string, string>;
export declare const shell: import("./define.js").SinkDefinition<{
    command: z.ZodArray<z.ZodPipe<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>, z.ZodTransform<string, string | number>>>;
    env: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodPipe<z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>, z.ZodTransform<string, string | number | boolean>>>>;
    non_zero_exit_is_permanent: z.ZodDefault<z.ZodBoolean>;
    cwd: z.ZodOptional<z.ZodString>;
}>;
