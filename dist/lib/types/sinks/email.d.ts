import * as z from '../core/zod.js';
import { PermanentError, TransientError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';
/** Bernstein's body, byte for byte: title, blank, body and blank when present, then the facts. */
export declare function emailText(event: NotificationEvent): string;
export declare const emailSmtp: import("./define.js").SinkDefinition<{
    host: z.ZodMiniString<string>;
    port: z.ZodMiniOptional<z.ZodMiniNumber<unknown>>;
    from_addr: z.ZodMiniString<string>;
    to_addrs: z.ZodMiniArray<z.ZodMiniString<string>>;
    username: z.ZodMiniOptional<z.ZodMiniString<string>>;
    password: z.ZodMiniOptional<z.ZodMiniString<string>>;
    starttls: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    ssl: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    tls_ca_bundle: z.ZodMiniOptional<z.ZodMiniString<string>>;
    subject_prefix: z.ZodMiniDefault<z.ZodMiniString<string>>;
}>;
interface SmtpError extends Error {
    code?: string;
    responseCode?: number;
    command?: string;
}
/** SMTP 4xx and network trouble are transient; 5xx, EAUTH and TLS problems are permanent. */
export declare function classifySmtpError(error: SmtpError): TransientError | PermanentError;
export {};
