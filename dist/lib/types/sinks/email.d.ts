import { z } from 'zod';
import { PermanentError, TransientError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';
/** Bernstein's body, byte for byte: title, blank, body and blank when present, then the facts. */
export declare function emailText(event: NotificationEvent): string;
export declare const emailSmtp: import("./define.js").SinkDefinition<{
    host: z.ZodString;
    port: z.ZodOptional<z.ZodCoercedNumber<unknown>>;
    from_addr: z.ZodString;
    to_addrs: z.ZodArray<z.ZodString>;
    username: z.ZodOptional<z.ZodString>;
    password: z.ZodOptional<z.ZodString>;
    starttls: z.ZodDefault<z.ZodBoolean>;
    ssl: z.ZodDefault<z.ZodBoolean>;
    tls_ca_bundle: z.ZodOptional<z.ZodString>;
    subject_prefix: z.ZodDefault<z.ZodString>;
}>;
interface SmtpError extends Error {
    code?: string;
    responseCode?: number;
    command?: string;
}
/** SMTP 4xx and network trouble are transient; 5xx, EAUTH and TLS problems are permanent. */
export declare function classifySmtpError(error: SmtpError): TransientError | PermanentError;
export {};
