// PagerDuty Events API v2, first-class (reference §7.4 envelope, §10.19). A warning or error
// triggers an alert under a dedup key scoped to the task; a later info event for the same task
// resolves it. Herald's key becomes PagerDuty's dedup_key, so PagerDuty dedups too.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, postJson } from './http.js';
import { truncate } from './truncate.js';
import { fill } from '../core/template.js';
import type { NotificationEvent } from '../core/event.js';

export const PAGERDUTY_URL = 'https://events.pagerduty.com/v2/enqueue';
const SUMMARY_LIMIT = 1024;
const DEDUP_KEY_LIMIT = 255;
/** Default dedup key: one alert per event kind and task, so the task's later success resolves it. */
export const DEFAULT_DEDUP_KEY = 'bernstein:{{kind}}:{{task_id}}';

const PagerDutyConfig = {
  routing_key: z.string({ message: "pagerduty sink requires 'routing_key' (the integration key)" }).check(z.minLength(1)),
  url: z._default(z.string().check(z.regex(/^https?:\/\//i, "pagerduty 'url' must start with http:// or https://")), PAGERDUTY_URL),
  source: z._default(z.string().check(z.minLength(1)), 'herald'),
  component: z.optional(z.string()),
  group: z.optional(z.string()),
  dedup_key: z._default(z.string().check(z.minLength(1)), DEFAULT_DEDUP_KEY),
  resolve_on_info: z._default(z.boolean(), true),
  /** PagerDuty severity per Herald severity (each its own name by default, `critical` included). */
  severity_map: z._default(z.strictObject({ info: z.optional(z.enum(['info', 'warning', 'error', 'critical'])), warning: z.optional(z.enum(['info', 'warning', 'error', 'critical'])), error: z.optional(z.enum(['info', 'warning', 'error', 'critical'])), critical: z.optional(z.enum(['info', 'warning', 'error', 'critical'])) }), {}),
};

/** The filled key; an event without a task (an empty placeholder) falls back to its own id. */
export function pagerDutyDedupKey(event: NotificationEvent, template: string): string {
  const scoped = template.includes('{{task_id}}') && !event.task_id ? `bernstein:${event.kind}:${event.event_id}` : fill(template, event);
  return truncate(scoped, DEDUP_KEY_LIMIT, 'utf16', '');
}

export const pagerduty = defineSink({
  kind: 'pagerduty',
  config: PagerDutyConfig,
  destination: (cfg) => `${cfg.url} ${cfg.routing_key}`,
  secretKeys: ['routing_key'],
  defaultTimeoutS: 10,
  // Events API v2: about 120 events per minute per integration key.
  limits: { perWindow: 120, windowMs: 60_000 },
  rateKey: (cfg) => cfg.routing_key,
  render(event, cfg) {
    const dedupKey = pagerDutyDedupKey(event, cfg.dedup_key);
    const target = `POST ${cfg.url}`;
    if (event.severity === 'info' && cfg.resolve_on_info && event.task_id) {
      return { target, body: { routing_key: cfg.routing_key, event_action: 'resolve', dedup_key: dedupKey } };
    }
    const payload: Record<string, unknown> = {
      summary: truncate(event.body ? `${event.title}: ${event.body}` : event.title, SUMMARY_LIMIT, 'utf16'),
      source: cfg.source,
      severity: cfg.severity_map[event.severity] ?? event.severity,
      timestamp: new Date(event.timestamp * 1000).toISOString(),
      ...(cfg.component ? { component: cfg.component } : {}),
      ...(cfg.group ? { group: cfg.group } : {}),
      class: event.kind,
      custom_details: { event_id: event.event_id, kind: event.kind, task_id: event.task_id, session_id: event.session_id, run_id: event.run_id, body: event.body, labels: event.labels, details: event.details },
    };
    return { target, body: { routing_key: cfg.routing_key, event_action: 'trigger', dedup_key: dedupKey, payload } };
  },
  async deliver(message, cfg, ctx) {
    const response = await postJson(ctx.http, cfg.url, message.body, ctx.timeoutMs);
    // 202 Accepted is success; 400 is an invalid event (permanent); 429 waits.
    classifyHttpResponse(response, cfg.url, ctx.nowMs());
    return { response: response.text.slice(0, 200) };
  },
});
