import { z } from 'zod';
export declare const RetrySchema: z.ZodObject<{
    max_attempts: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
    initial_delay_ms: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
    backoff_factor: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
    max_delay_ms: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
    jitter: z.ZodDefault<z.ZodNumber>;
    max_retry_after_ms: z.ZodDefault<z.ZodNumber>;
}, z.core.$strict>;
export type RetryConfig = z.infer<typeof RetrySchema>;
/** A per-sink retry block overrides only the keys it names. */
export declare const RetryOverrideSchema: z.ZodObject<{
    max_attempts: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
    initial_delay_ms: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
    backoff_factor: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
    max_delay_ms: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
    jitter: z.ZodOptional<z.ZodDefault<z.ZodNumber>>;
    max_retry_after_ms: z.ZodOptional<z.ZodDefault<z.ZodNumber>>;
}, z.core.$strict>;
/** Keys every sink has, whatever its kind. */
export declare const CommonSinkShape: {
    id: z.ZodString;
    kind: z.ZodString;
    enabled: z.ZodDefault<z.ZodBoolean>;
    events: z.ZodDefault<z.ZodNullable<z.ZodArray<z.ZodString>>>;
    severities: z.ZodDefault<z.ZodNullable<z.ZodArray<z.ZodString>>>;
    labels: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodString>>;
    match_labels: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodArray<z.ZodString>]>>>;
    required: z.ZodDefault<z.ZodBoolean>;
    timeout_s: z.ZodOptional<z.ZodCoercedNumber<unknown>>;
    retry: z.ZodOptional<z.ZodObject<{
        max_attempts: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
        initial_delay_ms: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
        backoff_factor: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
        max_delay_ms: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
        jitter: z.ZodOptional<z.ZodDefault<z.ZodNumber>>;
        max_retry_after_ms: z.ZodOptional<z.ZodDefault<z.ZodNumber>>;
    }, z.core.$strict>>;
    dedup: z.ZodDefault<z.ZodBoolean>;
    rate_limit: z.ZodOptional<z.ZodNullable<z.ZodObject<{
        per_window: z.ZodNumber;
        window_ms: z.ZodNumber;
    }, z.core.$strict>>>;
    digest: z.ZodDefault<z.ZodBoolean>;
    template: z.ZodOptional<z.ZodObject<{
        title: z.ZodOptional<z.ZodString>;
        body: z.ZodOptional<z.ZodString>;
    }, z.core.$strict>>;
};
export declare const CommonSinkSchema: z.ZodObject<{
    id: z.ZodString;
    kind: z.ZodString;
    enabled: z.ZodDefault<z.ZodBoolean>;
    events: z.ZodDefault<z.ZodNullable<z.ZodArray<z.ZodString>>>;
    severities: z.ZodDefault<z.ZodNullable<z.ZodArray<z.ZodString>>>;
    labels: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodString>>;
    match_labels: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodArray<z.ZodString>]>>>;
    required: z.ZodDefault<z.ZodBoolean>;
    timeout_s: z.ZodOptional<z.ZodCoercedNumber<unknown>>;
    retry: z.ZodOptional<z.ZodObject<{
        max_attempts: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
        initial_delay_ms: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
        backoff_factor: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
        max_delay_ms: z.ZodOptional<z.ZodDefault<z.ZodCoercedNumber<unknown>>>;
        jitter: z.ZodOptional<z.ZodDefault<z.ZodNumber>>;
        max_retry_after_ms: z.ZodOptional<z.ZodDefault<z.ZodNumber>>;
    }, z.core.$strict>>;
    dedup: z.ZodDefault<z.ZodBoolean>;
    rate_limit: z.ZodOptional<z.ZodNullable<z.ZodObject<{
        per_window: z.ZodNumber;
        window_ms: z.ZodNumber;
    }, z.core.$strict>>>;
    digest: z.ZodDefault<z.ZodBoolean>;
    template: z.ZodOptional<z.ZodObject<{
        title: z.ZodOptional<z.ZodString>;
        body: z.ZodOptional<z.ZodString>;
    }, z.core.$strict>>;
}, z.core.$strict>;
export type CommonSinkConfig = z.infer<typeof CommonSinkSchema>;
export declare const StateSchema: z.ZodObject<{
    backend: z.ZodDefault<z.ZodEnum<{
        none: "none";
        dir: "dir";
        redis: "redis";
        "actions-cache": "actions-cache";
    }>>;
    dir: z.ZodOptional<z.ZodString>;
    url: z.ZodOptional<z.ZodString>;
    key_prefix: z.ZodOptional<z.ZodString>;
    on_unavailable: z.ZodDefault<z.ZodEnum<{
        error: "error";
        dir: "dir";
    }>>;
}, z.core.$strict>;
export declare const AuditSchema: z.ZodObject<{
    key: z.ZodOptional<z.ZodString>;
    key_file: z.ZodOptional<z.ZodString>;
    enabled: z.ZodOptional<z.ZodBoolean>;
    dir: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const HttpSchema: z.ZodObject<{
    ca_bundle: z.ZodOptional<z.ZodString>;
    proxy: z.ZodOptional<z.ZodString>;
    connect_timeout_s: z.ZodDefault<z.ZodNumber>;
}, z.core.$strict>;
export declare const PluginSchema: z.ZodUnion<readonly [z.ZodString, z.ZodObject<{
    module: z.ZodString;
    kind: z.ZodOptional<z.ZodString>;
}, z.core.$strict>]>;
/** The top level of the block, with the sinks left raw: each is checked against its kind's schema. */
export declare const NotificationsSchema: z.ZodObject<{
    enabled: z.ZodDefault<z.ZodBoolean>;
    retry: z.ZodDefault<z.ZodObject<{
        max_attempts: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
        initial_delay_ms: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
        backoff_factor: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
        max_delay_ms: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
        jitter: z.ZodDefault<z.ZodNumber>;
        max_retry_after_ms: z.ZodDefault<z.ZodNumber>;
    }, z.core.$strict>>;
    sinks: z.ZodDefault<z.ZodArray<z.ZodUnknown>>;
    dedup_lru_size: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
    dedup_window_seconds: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
    state: z.ZodDefault<z.ZodObject<{
        backend: z.ZodDefault<z.ZodEnum<{
            none: "none";
            dir: "dir";
            redis: "redis";
            "actions-cache": "actions-cache";
        }>>;
        dir: z.ZodOptional<z.ZodString>;
        url: z.ZodOptional<z.ZodString>;
        key_prefix: z.ZodOptional<z.ZodString>;
        on_unavailable: z.ZodDefault<z.ZodEnum<{
            error: "error";
            dir: "dir";
        }>>;
    }, z.core.$strict>>;
    audit: z.ZodDefault<z.ZodObject<{
        key: z.ZodOptional<z.ZodString>;
        key_file: z.ZodOptional<z.ZodString>;
        enabled: z.ZodOptional<z.ZodBoolean>;
        dir: z.ZodOptional<z.ZodString>;
    }, z.core.$strict>>;
    http: z.ZodDefault<z.ZodObject<{
        ca_bundle: z.ZodOptional<z.ZodString>;
        proxy: z.ZodOptional<z.ZodString>;
        connect_timeout_s: z.ZodDefault<z.ZodNumber>;
    }, z.core.$strict>>;
    plugins: z.ZodDefault<z.ZodArray<z.ZodUnion<readonly [z.ZodString, z.ZodObject<{
        module: z.ZodString;
        kind: z.ZodOptional<z.ZodString>;
    }, z.core.$strict>]>>>;
}, z.core.$strict>;
export type NotificationsBlock = z.infer<typeof NotificationsSchema>;
