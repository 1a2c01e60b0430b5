import type * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
import type { CommonSinkConfig } from '../core/config-schema.js';
import type { HttpClient } from './http.js';
import type { Logger } from '../core/context.js';
/** What a sink would send: JSON-able, so `render` and dry-run can show it exactly. */
export interface RenderedMessage {
    /** One line describing where it goes, e.g. "POST https://hooks.slack.com/***". */
    target: string;
    /** The exact payload (request body, email text, stdin JSON…). */
    body: unknown;
    /** Extra transport facts (headers, subject, argv) that delivery needs. */
    meta?: Record<string, unknown>;
}
export interface DeliveryResult {
    /** Whatever the service answered, kept for the outcome (trimmed, redacted by the caller). */
    response?: string;
}
export interface DeliverContext {
    http: HttpClient;
    timeoutMs: number;
    env: Record<string, string | undefined>;
    log: Logger;
    /** The event(s) the message was rendered from, as the sink saw them (labels and template applied): one, or several for a digest. */
    events: NotificationEvent[];
    /** Per-sink memory that lasts for the process (e.g. rate-limit headers seen). */
    memory: Map<string, unknown>;
    /** Relative paths in the sink's config resolve against this folder (the config's). */
    baseDir: string;
    /** Standard output, for sinks that print. */
    stdout: (line: string) => void;
    nowMs: () => number;
    /** The runtime's sleep (tests control time through it), for waits a service announces ahead. */
    sleep: (ms: number) => Promise<void>;
}
/** Where a posted message lives at its service: enough to edit it or reply under it. */
export interface MessageRef {
    id: string;
    /** The channel or chat the id belongs to, when the service needs it to edit (Slack, Telegram). */
    channel?: string;
}
/** Living messages (src/sinks/threading.ts): post-and-say-where, and edit. */
export interface ThreadedOps<Cfg> {
    /** Posts a new message (a reply under `replyTo` when given) and says where it lives. */
    post(message: RenderedMessage, cfg: Cfg, ctx: DeliverContext, replyTo?: MessageRef): Promise<MessageRef>;
    /** Replaces the message's content; throws ParentGoneError when the service no longer has it. */
    edit(message: RenderedMessage, cfg: Cfg, ctx: DeliverContext, ref: MessageRef): Promise<void>;
}
export interface RateLimit {
    perWindow: number;
    windowMs: number;
}
export type SinkConfig<Shape extends z.core.$ZodShape> = CommonSinkConfig & z.infer<z.ZodMiniObject<Shape>>;
export interface SinkDefinition<Shape extends z.core.$ZodShape = z.core.$ZodShape> {
    kind: string;
    /** Kind-specific keys; the common keys (id, events, retry…) are added by the loader. */
    config: Shape;
    /** Keys whose values are secrets even when written literally (webhook URLs, tokens). */
    secretKeys?: readonly string[];
    /** Keys passed on as written, without `${VAR}` substitution (shell `command`: the child expands them). */
    literalKeys?: readonly string[];
    /**
     * Secrets the sink builds from its config and sends, which a service may echo back: Jira's
     * `Basic base64(email:token)` header carries the token in a form no redaction of the token finds.
     */
    derivedSecrets?(cfg: SinkConfig<Shape>): string[];
    /** Default seconds for `timeout_s`. */
    defaultTimeoutS?: number;
    /** The service's own rate (overridable per sink with `rate_limit`). */
    limits?: RateLimit;
    /** The rate when it depends on the config (the profile webhook: per provider); wins over `limits`. */
    rateFor?(cfg: SinkConfig<Shape>): RateLimit | undefined;
    /** Which rate bucket a sink shares (Telegram: per chat); defaults to the sink id. */
    rateKey?(cfg: SinkConfig<Shape>): string;
    /**
     * Where the sink's messages go (a webhook URL, a chat, a mailbox). Dedup entries are keyed by
     * it (hashed), so two sinks posting to different places never share them, whatever their ids.
     */
    destination?(cfg: SinkConfig<Shape>): string;
    /** Cross-key checks the schema alone cannot express; return an error message per bad key. */
    check?(cfg: SinkConfig<Shape>): {
        key: string;
        message: string;
    }[];
    render(event: NotificationEvent, cfg: SinkConfig<Shape>): RenderedMessage;
    /**
     * Whether backed-up events may go out as one digest message (the dispatcher builds a digest
     * event and renders it like any other); without it, each event is sent on its own.
     */
    digests?: boolean | ((cfg: SinkConfig<Shape>) => boolean);
    deliver(message: RenderedMessage, cfg: SinkConfig<Shape>, ctx: DeliverContext): Promise<DeliveryResult | void>;
    /**
     * Post-and-say-where and edit, for living messages (`threading:` other than new; see
     * src/sinks/threading.ts). A sink that has it spreads ThreadingShape into its config.
     */
    threaded?: ThreadedOps<SinkConfig<Shape>>;
    close?(cfg: SinkConfig<Shape>): Promise<void>;
}
export declare function defineSink<Shape extends z.core.$ZodShape>(definition: SinkDefinition<Shape>): SinkDefinition<Shape>;
export type AnySinkDefinition = SinkDefinition<any>;
