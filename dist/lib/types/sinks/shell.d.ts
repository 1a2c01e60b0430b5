import * as z from '../core/zod.js';
/** The variables a child always gets from Herald; `env:` may add others, never replace these. */
export declare function pinnedVariables(eventId: string, kind: string, severity: string, sinkId: string): Record<string, string>;
/** Names `env:` may not set: the inherited basics and every *_NOTIFY_* value Herald pins. */
export declare const PINNED_NAMES: string[];
export declare function childEnvironment(parent: Record<string, string | undefined>, declared: Record<string, string>, pinned: Record<string, string>): Record<string, string>;
export declare const shell: import("./define.js").SinkDefinition<{
    command: z.ZodMiniArray<z.ZodMiniPipe<z.ZodMiniUnion<readonly [z.ZodMiniString<string>, z.ZodMiniNumber<number>]>, z.ZodMiniTransform<string, any>>>;
    env: z.ZodMiniDefault<z.ZodMiniRecord<z.ZodMiniString<string>, z.ZodMiniPipe<z.ZodMiniUnion<readonly [z.ZodMiniString<string>, z.ZodMiniNumber<number>, z.ZodMiniBoolean<boolean>]>, z.ZodMiniTransform<string, any>>>>;
    non_zero_exit_is_permanent: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    cwd: z.ZodMiniOptional<z.ZodMiniString<string>>;
}>;
