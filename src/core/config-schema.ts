// The `notifications:` block: Bernstein's keys and bounds unchanged (reference §2), Herald's own
// keys beside them. Every object is strict so a misspelt key is an error with a suggestion.
import * as z from './zod.js';
import { SEVERITIES } from './event.js';
import { isAcceptedKindFilter, KNOWN_KINDS } from './kinds.js';
import { closest } from './suggest.js';

// Parts used by many keys are made once and shared (a zod schema is an immutable value): every
// schema and check is an object with its own closures, and building this block's ~180 of them was
// the largest piece of JavaScript a `send` ran before its first event (issue 14).
const text = z.string();
const optionalText = z.optional(text);
const flag = z.boolean();
const on = z._default(flag, true);
const off = z._default(flag, false);
const integer = z.int();
const atLeastOne = z.gte(1);
const positive = z.positive();
const nonEmpty = z.minLength(1);

const ALLOWED_EVENTS_TEXT = 'post_merge, post_spawn, post_task, pre_merge, pre_spawn, pre_task, synthetic';

export const RetrySchema = z.strictObject({
  max_attempts: z._default(z.coerce.number().check(integer, atLeastOne, z.lte(20)), 3),
  initial_delay_ms: z._default(z.coerce.number().check(integer, atLeastOne, z.lte(60_000)), 250),
  backoff_factor: z._default(z.coerce.number().check(atLeastOne, z.lte(10)), 2),
  max_delay_ms: z._default(z.coerce.number().check(integer, atLeastOne, z.lte(600_000)), 30_000),
  // Herald: fraction of each delay that is randomised (0 = Bernstein's exact delays).
  jitter: z._default(z.number().check(z.gte(0), z.lte(1)), 0.5),
  // Herald: longest Retry-After honoured; a service asking for more is dead-lettered instead.
  max_retry_after_ms: z._default(z.number().check(integer, z.gte(0), z.lte(3_600_000)), 120_000),
});
export type RetryConfig = z.infer<typeof RetrySchema>;

/** A per-sink retry block overrides only the keys it names (strict, as RetrySchema). */
export const RetryOverrideSchema = z.partial(RetrySchema);

const textList = z.nullable(z.array(text));
const eventsFilter = z._default(textList, null).check(
  z.superRefine((events, ctx) => {
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
  }),
);

const severitiesFilter = z._default(textList, null).check(
  z.superRefine((severities, ctx) => {
    // Bernstein's filter lists take these three only (§2.5); a `critical` event passes an `error` filter.
    const bad = (severities ?? []).filter((s) => !(SEVERITIES as readonly string[]).includes(s) || s === 'critical');
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown severity [${bad.map((b) => `'${b}'`).join(', ')}]; allowed: error, info, warning`,
      });
    }
  }),
);

const labelMatcher = z.union([text, z.array(text).check(nonEmpty)]);

/** Keys every sink has, whatever its kind. */
export const CommonSinkShape = {
  id: text.check(
    nonEmpty,
    z.refine((s) => s.trim().length > 0, 'sink id must not be blank'),
  ),
  kind: text.check(nonEmpty),
  enabled: on,
  events: eventsFilter,
  severities: severitiesFilter,
  labels: z._default(z.record(text, text), {}),
  // Herald: route only events whose labels match (a value, a list of values, "*" patterns).
  match_labels: z._default(z.record(text, labelMatcher), {}),
  required: off,
  // A string such as "5" is read as a number, as Bernstein's pydantic model does.
  timeout_s: z.optional(z.coerce.number().check(positive, z.lte(3600))),
  retry: z.optional(RetryOverrideSchema),
  dedup: on,
  rate_limit: z.optional(
    z.nullable(z.strictObject({ per_window: z.number().check(integer, atLeastOne), window_ms: z.number().check(integer, atLeastOne) })),
  ),
  digest: on,
  template: z.optional(z.strictObject({ title: optionalText, body: optionalText })),
};
export const CommonSinkSchema = z.strictObject(CommonSinkShape);
export type CommonSinkConfig = z.infer<typeof CommonSinkSchema>;

export const StateSchema = z.strictObject({
  backend: z._default(z.enum(['dir', 'redis', 'actions-cache', 'none']), 'dir'),
  dir: optionalText,
  url: optionalText,
  key_prefix: optionalText,
  on_unavailable: z._default(z.enum(['error', 'dir']), 'error'),
});

export const AuditSchema = z.strictObject({
  key: z.optional(text.check(z.minLength(16, 'the audit key must be at least 16 characters'))),
  key_file: z.optional(text.check(nonEmpty)),
  enabled: z.optional(flag),
  dir: optionalText,
});

export const HttpSchema = z.strictObject({
  ca_bundle: optionalText,
  proxy: optionalText,
  connect_timeout_s: z._default(z.number().check(positive, z.lte(600)), 10),
});

export const PluginSchema = z.union([text, z.strictObject({ module: text, kind: optionalText })]);

/** The top level of the block, with the sinks left raw: each is checked against its kind's schema. */
export const NotificationsSchema = z.strictObject({
  enabled: on,
  retry: z._default(RetrySchema, RetrySchema.parse({})),
  sinks: z._default(z.array(z.unknown()), []),
  // Herald: 200,000 (Bernstein's 2048 was validated and ignored): a batch job or a catch-up
  // easily sends more than 2048 events inside the 6-hour window.
  dedup_lru_size: z._default(z.coerce.number().check(integer, z.gte(16), z.lte(1_000_000)), 200_000),
  dedup_window_seconds: z._default(z.coerce.number().check(integer, atLeastOne, z.lte(2_592_000)), 21_600),
  state: z._default(StateSchema, StateSchema.parse({})),
  audit: z._default(AuditSchema, {}),
  http: z._default(HttpSchema, HttpSchema.parse({})),
  plugins: z._default(z.array(PluginSchema), []),
});
export type NotificationsBlock = z.infer<typeof NotificationsSchema>;
