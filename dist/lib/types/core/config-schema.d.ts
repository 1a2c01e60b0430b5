import * as z from './zod.js';
export declare const RetrySchema: z.ZodMiniObject<{
    max_attempts: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
    initial_delay_ms: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
    backoff_factor: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
    max_delay_ms: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
    jitter: z.ZodMiniDefault<z.ZodMiniNumber<number>>;
    max_retry_after_ms: z.ZodMiniDefault<z.ZodMiniNumber<number>>;
}, z.core.$strict>;
export type RetryConfig = z.infer<typeof RetrySchema>;
/** A per-sink retry block overrides only the keys it names (strict, as RetrySchema). */
export declare const RetryOverrideSchema: z.ZodMiniObject<{
    max_attempts: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
    initial_delay_ms: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
    backoff_factor: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
    max_delay_ms: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
    jitter: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<number>>>;
    max_retry_after_ms: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<number>>>;
}, z.core.$strict>;
/** Keys every sink has, whatever its kind. */
export declare const CommonSinkShape: {
    id: z.ZodMiniString<string>;
    kind: z.ZodMiniString<string>;
    enabled: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    events: z.ZodMiniDefault<z.ZodMiniNullable<z.ZodMiniArray<z.ZodMiniString<string>>>>;
    severities: z.ZodMiniDefault<z.ZodMiniNullable<z.ZodMiniArray<z.ZodMiniString<string>>>>;
    labels: z.ZodMiniDefault<z.ZodMiniRecord<z.ZodMiniString<string>, z.ZodMiniString<string>>>;
    match_labels: z.ZodMiniDefault<z.ZodMiniRecord<z.ZodMiniString<string>, z.ZodMiniUnion<readonly [z.ZodMiniString<string>, z.ZodMiniArray<z.ZodMiniString<string>>]>>>;
    required: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    timeout_s: z.ZodMiniOptional<z.ZodMiniNumber<unknown>>;
    retry: z.ZodMiniOptional<z.ZodMiniObject<{
        max_attempts: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
        initial_delay_ms: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
        backoff_factor: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
        max_delay_ms: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
        jitter: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<number>>>;
        max_retry_after_ms: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<number>>>;
    }, z.core.$strict>>;
    dedup: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    rate_limit: z.ZodMiniOptional<z.ZodMiniNullable<z.ZodMiniObject<{
        per_window: z.ZodMiniNumber<number>;
        window_ms: z.ZodMiniNumber<number>;
    }, z.core.$strict>>>;
    digest: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    template: z.ZodMiniOptional<z.ZodMiniObject<{
        title: z.ZodMiniOptional<z.ZodMiniString<string>>;
        body: z.ZodMiniOptional<z.ZodMiniString<string>>;
    }, z.core.$strict>>;
};
export declare const CommonSinkSchema: z.ZodMiniObject<{
    id: z.ZodMiniString<string>;
    kind: z.ZodMiniString<string>;
    enabled: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    events: z.ZodMiniDefault<z.ZodMiniNullable<z.ZodMiniArray<z.ZodMiniString<string>>>>;
    severities: z.ZodMiniDefault<z.ZodMiniNullable<z.ZodMiniArray<z.ZodMiniString<string>>>>;
    labels: z.ZodMiniDefault<z.ZodMiniRecord<z.ZodMiniString<string>, z.ZodMiniString<string>>>;
    match_labels: z.ZodMiniDefault<z.ZodMiniRecord<z.ZodMiniString<string>, z.ZodMiniUnion<readonly [z.ZodMiniString<string>, z.ZodMiniArray<z.ZodMiniString<string>>]>>>;
    required: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    timeout_s: z.ZodMiniOptional<z.ZodMiniNumber<unknown>>;
    retry: z.ZodMiniOptional<z.ZodMiniObject<{
        max_attempts: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
        initial_delay_ms: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
        backoff_factor: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
        max_delay_ms: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<unknown>>>;
        jitter: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<number>>>;
        max_retry_after_ms: z.ZodMiniOptional<z.ZodMiniDefault<z.ZodMiniNumber<number>>>;
    }, z.core.$strict>>;
    dedup: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    rate_limit: z.ZodMiniOptional<z.ZodMiniNullable<z.ZodMiniObject<{
        per_window: z.ZodMiniNumber<number>;
        window_ms: z.ZodMiniNumber<number>;
    }, z.core.$strict>>>;
    digest: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    template: z.ZodMiniOptional<z.ZodMiniObject<{
        title: z.ZodMiniOptional<z.ZodMiniString<string>>;
        body: z.ZodMiniOptional<z.ZodMiniString<string>>;
    }, z.core.$strict>>;
}, z.core.$strict>;
export type CommonSinkConfig = z.infer<typeof CommonSinkSchema>;
export declare const StateSchema: z.ZodMiniObject<{
    backend: z.ZodMiniDefault<z.ZodMiniEnum<{
        none: "none";
        dir: "dir";
        redis: "redis";
        "actions-cache": "actions-cache";
    }>>;
    dir: z.ZodMiniOptional<z.ZodMiniString<string>>;
    url: z.ZodMiniOptional<z.ZodMiniString<string>>;
    key_prefix: z.ZodMiniOptional<z.ZodMiniString<string>>;
    on_unavailable: z.ZodMiniDefault<z.ZodMiniEnum<{
        error: "error";
        dir: "dir";
    }>>;
}, z.core.$strict>;
export declare const AuditSchema: z.ZodMiniObject<{
    key: z.ZodMiniOptional<z.ZodMiniString<string>>;
    key_file: z.ZodMiniOptional<z.ZodMiniString<string>>;
    enabled: z.ZodMiniOptional<z.ZodMiniBoolean<boolean>>;
    dir: z.ZodMiniOptional<z.ZodMiniString<string>>;
}, z.core.$strict>;
export declare const HttpSchema: z.ZodMiniObject<{
    ca_bundle: z.ZodMiniOptional<z.ZodMiniString<string>>;
    proxy: z.ZodMiniOptional<z.ZodMiniString<string>>;
    connect_timeout_s: z.ZodMiniDefault<z.ZodMiniNumber<number>>;
}, z.core.$strict>;
export declare const PluginSchema: z.ZodMiniUnion<readonly [z.ZodMiniString<string>, z.ZodMiniObject<{
    module: z.ZodMiniString<string>;
    kind: z.ZodMiniOptional<z.ZodMiniString<string>>;
}, z.core.$strict>]>;
/** The top level of the block, with the sinks left raw: each is checked against its kind's schema. */
export declare const NotificationsSchema: z.ZodMiniObject<{
    enabled: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    retry: z.ZodMiniDefault<z.ZodMiniObject<{
        max_attempts: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
        initial_delay_ms: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
        backoff_factor: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
        max_delay_ms: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
        jitter: z.ZodMiniDefault<z.ZodMiniNumber<number>>;
        max_retry_after_ms: z.ZodMiniDefault<z.ZodMiniNumber<number>>;
    }, z.core.$strict>>;
    sinks: z.ZodMiniDefault<z.ZodMiniArray<z.ZodMiniUnknown>>;
    dedup_lru_size: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
    dedup_window_seconds: z.ZodMiniDefault<z.ZodMiniNumber<unknown>>;
    state: z.ZodMiniDefault<z.ZodMiniObject<{
        backend: z.ZodMiniDefault<z.ZodMiniEnum<{
            none: "none";
            dir: "dir";
            redis: "redis";
            "actions-cache": "actions-cache";
        }>>;
        dir: z.ZodMiniOptional<z.ZodMiniString<string>>;
        url: z.ZodMiniOptional<z.ZodMiniString<string>>;
        key_prefix: z.ZodMiniOptional<z.ZodMiniString<string>>;
        on_unavailable: z.ZodMiniDefault<z.ZodMiniEnum<{
            error: "error";
            dir: "dir";
        }>>;
    }, z.core.$strict>>;
    audit: z.ZodMiniDefault<z.ZodMiniObject<{
        key: z.ZodMiniOptional<z.ZodMiniString<string>>;
        key_file: z.ZodMiniOptional<z.ZodMiniString<string>>;
        enabled: z.ZodMiniOptional<z.ZodMiniBoolean<boolean>>;
        dir: z.ZodMiniOptional<z.ZodMiniString<string>>;
    }, z.core.$strict>>;
    http: z.ZodMiniDefault<z.ZodMiniObject<{
        ca_bundle: z.ZodMiniOptional<z.ZodMiniString<string>>;
        proxy: z.ZodMiniOptional<z.ZodMiniString<string>>;
        connect_timeout_s: z.ZodMiniDefault<z.ZodMiniNumber<number>>;
    }, z.core.$strict>>;
    plugins: z.ZodMiniDefault<z.ZodMiniArray<z.ZodMiniUnion<readonly [z.ZodMiniString<string>, z.ZodMiniObject<{
        module: z.ZodMiniString<string>;
        kind: z.ZodMiniOptional<z.ZodMiniString<string>>;
    }, z.core.$strict>]>>>;
}, z.core.$strict>;
export type NotificationsBlock = z.infer<typeof NotificationsSchema>;
