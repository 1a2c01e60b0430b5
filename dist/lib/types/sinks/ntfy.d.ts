import * as z from '../core/zod.js';
/** Longer messages become a file attachment on ntfy (or are refused where attachments are off). */
export declare const NTFY_MESSAGE_BYTES = 4096;
/** RFC 2047 "B" encoding for a header value that is not plain ASCII. */
export declare function headerText(value: string): string;
export declare const ntfy: import("./define.js").SinkDefinition<{
    url: z.ZodMiniString<string>;
    token: z.ZodMiniOptional<z.ZodMiniString<string>>;
    /** Per severity, overriding the default (error → high, otherwise default). */
    priority: z.ZodMiniOptional<z.ZodMiniObject<{
        info: z.ZodMiniOptional<z.ZodMiniUnion<readonly [z.ZodMiniNumber<number>, z.ZodMiniEnum<{
            default: "default";
            min: "min";
            low: "low";
            high: "high";
            max: "max";
            urgent: "urgent";
        }>]>>;
        warning: z.ZodMiniOptional<z.ZodMiniUnion<readonly [z.ZodMiniNumber<number>, z.ZodMiniEnum<{
            default: "default";
            min: "min";
            low: "low";
            high: "high";
            max: "max";
            urgent: "urgent";
        }>]>>;
        error: z.ZodMiniOptional<z.ZodMiniUnion<readonly [z.ZodMiniNumber<number>, z.ZodMiniEnum<{
            default: "default";
            min: "min";
            low: "low";
            high: "high";
            max: "max";
            urgent: "urgent";
        }>]>>;
        critical: z.ZodMiniOptional<z.ZodMiniUnion<readonly [z.ZodMiniNumber<number>, z.ZodMiniEnum<{
            default: "default";
            min: "min";
            low: "low";
            high: "high";
            max: "max";
            urgent: "urgent";
        }>]>>;
    }, z.core.$strict>>;
    tags: z.ZodMiniDefault<z.ZodMiniArray<z.ZodMiniString<string>>>;
}>;
