import { z } from 'zod';
/** Longer messages become a file attachment on ntfy (or are refused where attachments are off). */
export declare const NTFY_MESSAGE_BYTES = 4096;
/** RFC 2047 "B" encoding for a header value that is not plain ASCII. */
export declare function headerText(value: string): string;
export declare const ntfy: import("./define.js").SinkDefinition<{
    url: z.ZodString;
    token: z.ZodOptional<z.ZodString>;
    /** Per severity, overriding the default (error → high, otherwise default). */
    priority: z.ZodOptional<z.ZodObject<{
        info: z.ZodOptional<z.ZodUnion<readonly [z.ZodNumber, z.ZodEnum<{
            default: "default";
            min: "min";
            low: "low";
            high: "high";
            max: "max";
            urgent: "urgent";
        }>]>>;
        warning: z.ZodOptional<z.ZodUnion<readonly [z.ZodNumber, z.ZodEnum<{
            default: "default";
            min: "min";
            low: "low";
            high: "high";
            max: "max";
            urgent: "urgent";
        }>]>>;
        error: z.ZodOptional<z.ZodUnion<readonly [z.ZodNumber, z.ZodEnum<{
            default: "default";
            min: "min";
            low: "low";
            high: "high";
            max: "max";
            urgent: "urgent";
        }>]>>;
        critical: z.ZodOptional<z.ZodUnion<readonly [z.ZodNumber, z.ZodEnum<{
            default: "default";
            min: "min";
            low: "low";
            high: "high";
            max: "max";
            urgent: "urgent";
        }>]>>;
    }, z.core.$strict>>;
    tags: z.ZodDefault<z.ZodArray<z.ZodString>>;
}>;
