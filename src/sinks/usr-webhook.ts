// A dnadesign profile webhook as a sink (reference §5.5, §7): `render` is the body dnadesign's
// notify posts for its provider, `deliver` POSTs it as Python's json.dumps writes it, with
// `Idempotency-Key: <event id>` so a receiver can drop the one resend a crash between a 2xx and
// the cursor write can cause. Retries, Retry-After, rate limits, digests, dedup and dead letters
// (the spool, when `spool_dir` is set) are the dispatcher's, as for every sink.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse } from './http.js';
import { postBody } from '../core/python-json.js';
import type { NotificationEvent } from '../core/event.js';
import { formatUsrPayload, providerUrlProblem, USR_PROVIDERS, type UsrPayload } from './usr-webhook-format.js';

// dnadesign's notify identifies itself so; receivers that filter on it keep working.
const USER_AGENT = 'dnadesign-notify (herald)';

const STATUS_BY_SEVERITY: Record<string, string> = { critical: 'failure', error: 'failure', warning: 'running', info: 'running' };

/**
 * The notify payload an event stands for: a USR record's own (`details.usr`, kept as the watcher
 * built it), or one made from any other event (a lifecycle event, a digest) in the same shape.
 */
export function usrPayloadOf(event: NotificationEvent): UsrPayload {
  const own = (event.details as { usr?: unknown } | undefined)?.usr;
  if (own && typeof own === 'object' && typeof (own as UsrPayload).status === 'string') return own as UsrPayload;
  const message = event.body ? `${event.title}\n${event.body}` : event.title;
  return {
    status: event.labels.status ?? STATUS_BY_SEVERITY[event.severity] ?? 'running',
    tool: event.labels.tool ?? 'herald',
    run_id: event.run_id ?? event.labels.run ?? event.task_id ?? '-',
    timestamp: new Date(event.timestamp * 1000).toISOString(),
    meta: { herald_kind: event.kind, herald_event_id: event.event_id },
    message,
  };
}

export const usrWebhook = defineSink({
  kind: 'usr_webhook',
  config: {
    url: z.string({ message: "usr_webhook sink requires 'url'" }).check(z.regex(/^https?:\/\/[^/]/i, 'Webhook URL must be http(s) with a host.')),
    provider: z._default(z.enum(USR_PROVIDERS), 'generic'),
    // dnadesign's spool: failed events are written here in its file format instead of the queue.
    spool_dir: z.optional(z.string().check(z.minLength(1))),
  },
  secretKeys: ['url'],
  defaultTimeoutS: 15,
  // The services' own budgets; a generic receiver gets no limit, as dnadesign gave it none.
  rateFor: (cfg) => (cfg.provider === 'slack' ? { perWindow: 1, windowMs: 1000 } : cfg.provider === 'discord' ? { perWindow: 5, windowMs: 2000 } : undefined),
  rateKey: (cfg) => cfg.url,
  destination: (cfg) => `${cfg.provider} ${cfg.url}`,
  // A generic receiver expects one notify payload per event; chat services take a digest.
  digests: (cfg) => cfg.provider !== 'generic',
  check(cfg) {
    const problem = providerUrlProblem(cfg.provider, cfg.url);
    return problem ? [{ key: 'url', message: problem }] : [];
  },
  render(event, cfg) {
    return { target: `POST ${cfg.url}`, body: formatUsrPayload(cfg.provider, usrPayloadOf(event)), meta: { idempotencyKey: event.event_id } };
  },
  async deliver(message, cfg, ctx) {
    const response = await ctx.http.send({
      method: 'POST',
      url: cfg.url,
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, 'idempotency-key': String(message.meta?.idempotencyKey ?? '') },
      body: postBody(message.body),
      timeoutMs: ctx.timeoutMs,
    });
    classifyHttpResponse(response, '<webhook>', ctx.nowMs());
    return { response: response.text.slice(0, 200) };
  },
});
