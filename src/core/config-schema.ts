// The `notifications:` block: Bernstein's keys and bounds unchanged (reference §2), Herald's own
// keys beside them. Every object is strict so a misspelt key is an error with a suggestion.
import { z } from 'zod';
import { SEVERITIES } from './event.js';
import { isAcceptedKindFilter, KNOWN_KINDS } from './kinds.js';
import { closest } from './suggest.js';

const ALLOWED_EVENTS_TEXT = 'post_merge, post_spawn, post_task, pre_merge, pre_spawn, pre_task, synthetic';

export const RetrySchema = z
  .object({
    max_attempts: z.coerce.number().int().min(1).max(20).default(3),
    initial_delay_ms: z.coerce.number().int().min(1).max(60_000).default(250),
    backoff_factor: z.coerce.number().min(1).max(10).default(2),
    max_delay_ms: z.coerce.number().int().min(1).max(600_000).default(30_000),
    // Herald: fraction of each delay that is randomised (0 = Bernstein's exact delays).
    jitter: z.number().min(0).max(1).default(0.5),
    // Herald: longest Retry-After honoured; a service asking for more is dead-lettered instead.
    max_retry_after_ms: z.number().int().min(0).max(3_600_000).default(120_000),
  })
  .strict();
export type RetryConfig = z.infer<typeof RetrySchema>;

/** A per-sink retry block overrides only the keys it names. */
export const RetryOverrideSchema = RetrySchema.partial().strict();

const eventsFilter = z
  .array(z.string())
  .nullable()
  .default(null)
  .superRefine((events, ctx) => {
    const bad = (events ?? []).filter((e) => !isAcceptedKindFilter(e));
    if (bad.length) {
      const hint = closest(bad[0]!, KNOWN_KINDS);
      ctx.addIssue({
        code: 'custom',
        message:
          `unknown event(s) [${bad.map((b) => `'${b}'`).join(', ')}]; allowed: ${ALLOWED_EVENTS_TEXT}` +
          `, a USR action, or a pattern with *${hint ? ` (did you mean '${hint}'?)` : ''}`,
      });
    }
  });

const severitiesFilter = z
  .array(z.string())
  .nullable()
  .default(null)
  .superRefine((severities, ctx) => {
    // Bernstein's filter lists take these three only (§2.5); a `critical` event passes an `error` filter.
    const bad = (severities ?? []).filter((s) => !(SEVERITIES as readonly string[]).includes(s) || s === 'critical');
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown severity [${bad.map((b) => `'${b}'`).join(', ')}]; allowed: error, info, warning`,
      });
    }
  });

const labelMatcher = z.union([z.string(), z.array(z.string()).min(1)]);

/** Keys every sink has, whatever its kind. */
export const CommonSinkShape = {
  id: z.string().min(1).refine((s) => s.trim().length > 0, 'sink id must not be blank'),
  kind: z.string().min(1),
  enabled: z.boolean().default(true),
  events: eventsFilter,
  severities: severitiesFilter,
  labels: z.record(z.string(), z.string()).default({}),
  // Herald: route only events whose labels match (a value, a list of values, "*" patterns).
  match_labels: z.record(z.string(), labelMatcher).default({}),
  required: z.boolean().default(false),
  // A string such as "5" is read as a number, as Bernstein's pydantic model does.
  timeout_s: z.coerce.number().positive().max(3600).optional(),
  retry: RetryOverrideSchema.optional(),
  dedup: z.boolean().default(true),
  rate_limit: z
    .object({ per_window: z.number().int().min(1), window_ms: z.number().int().min(1) })
    .strict()
    .nullable()
    .optional(),
  digest: z.boolean().default(true),
  template: z.object({ title: z.string().optional(), body: z.string().optional() }).strict().optional(),
};
export const CommonSinkSchema = z.object(CommonSinkShape).strict();
export type CommonSinkConfig = z.infer<typeof CommonSinkSchema>;

export const StateSchema = z
  .object({
    backend: z.enum(['dir', 'redis', 'actions-cache', 'none']).default('dir'),
    dir: z.string().optional(),
    url: z.string().optional(),
    key_prefix: z.string().optional(),
    on_unavailable: z.enum(['error', 'dir']).default('error'),
  })
  .strict();

export const AuditSchema = z
  .object({
    key: z.string().min(16, 'the audit key must be at least 16 characters').optional(),
    key_file: z.string().min(1).optional(),
    enabled: z.boolean().optional(),
    dir: z.string().optional(),
  })
  .strict();

export const HttpSchema = z
  .object({
    ca_bundle: z.string().optional(),
    proxy: z.string().optional(),
    connect_timeout_s: z.number().positive().max(600).default(10),
  })
  .strict();

export const PluginSchema = z.union([z.string(), z.object({ module: z.string(), kind: z.string().optional() }).strict()]);

/** The top level of the block, with the sinks left raw: each is checked against its kind's schema. */
export const NotificationsSchema = z
  .object({
    enabled: z.boolean().default(true),
    retry: RetrySchema.default(RetrySchema.parse({})),
    sinks: z.array(z.unknown()).default([]),
    // Herald: 200,000 (Bernstein's 2048 was validated and ignored): a batch job or a catch-up
    // easily sends more than 2048 events inside the 6-hour window.
    dedup_lru_size: z.coerce.number().int().min(16).max(1_000_000).default(200_000),
    dedup_window_seconds: z.coerce.number().int().min(1).max(2_592_000).default(21_600),
    state: StateSchema.default(StateSchema.parse({})),
    audit: AuditSchema.default({}),
    http: HttpSchema.default(HttpSchema.parse({})),
    plugins: z.array(PluginSchema).default([]),
  })
  .strict();
export type NotificationsBlock = z.infer<typeof NotificationsSchema>;
