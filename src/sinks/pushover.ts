// Pushover `POST /1/messages.json` (form-encoded): title, message, priority from the severity, the
// event's time, and the run link. Sent as plain text (no `html=1`), so nothing needs escaping.
// Errors come as {"status": 0, "errors": [...]}; a 429 means the application's monthly message
// quota is used up, which no retry within a run can fix.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, headerValue, jsonBody, postForm } from './http.js';
import { truncate } from './truncate.js';
import { runLink } from './presentation.js';
import { PermanentError } from '../core/errors.js';

/** Pushover's documented limits, in characters. */
export const PUSHOVER_LIMITS = { message: 1024, title: 250, url: 512, url_title: 100 } as const;
/** -2 no notification, -1 quiet, 0 normal, 1 high (2, emergency, needs retry/expire: not offered). */
// `critical` stays at 1 (high): 2 is an emergency that needs retry/expire and an acknowledgement.
export const PUSHOVER_PRIORITIES = { info: -1, warning: 0, error: 1, critical: 1 } as const;

const priority = z.optional(z.number().check(z.int(), z.gte(-2), z.lte(1)));

const PushoverConfig = {
  token: z.string({ message: "pushover sink requires 'token' (the application's API token, usually ${PUSHOVER_TOKEN})" }).check(z.minLength(1)),
  user: z.string({ message: "pushover sink requires 'user' (a user or group key, usually ${PUSHOVER_USER})" }).check(z.minLength(1)),
  api_base_url: z._default(z.string().check(z.regex(/^https?:\/\//i, "pushover 'api_base_url' must start with http:// or https://")), 'https://api.pushover.net'),
  device: z.optional(z.string().check(z.minLength(1))),
  sound: z.optional(z.string().check(z.minLength(1))),
  priorities: z._default(z.strictObject({ info: priority, warning: priority, error: priority, critical: priority }), {}),
};

const endpoint = (base: string) => `${base.replace(/\/+$/, '')}/1/messages.json`;

export const pushover = defineSink({
  kind: 'pushover',
  config: PushoverConfig,
  secretKeys: ['token', 'user'],
  defaultTimeoutS: 10,
  // Pushover asks for no more than two requests at once; one bucket per application token.
  limits: { perWindow: 2, windowMs: 1000 },
  rateKey: (cfg) => `${cfg.api_base_url}|${cfg.token}`,
  destination: (cfg) => `${cfg.api_base_url} ${cfg.token} ${cfg.user} ${cfg.device ?? ''}`,
  render(event, cfg) {
    // The credentials join the form only when it is sent, so a dry-run shows none.
    const body: Record<string, string> = {
      title: truncate(event.title, PUSHOVER_LIMITS.title, 'codepoint'),
      // Pushover refuses an empty message.
      message: truncate(event.body || event.title, PUSHOVER_LIMITS.message, 'codepoint'),
      priority: String(cfg.priorities[event.severity] ?? PUSHOVER_PRIORITIES[event.severity]),
      timestamp: String(Math.floor(event.timestamp)),
    };
    const link = runLink(event);
    if (link && link.length <= PUSHOVER_LIMITS.url) Object.assign(body, { url: link, url_title: 'Open the run' });
    if (cfg.device) body.device = cfg.device;
    if (cfg.sound) body.sound = cfg.sound;
    return { target: `POST ${endpoint(cfg.api_base_url)}`, body };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const url = endpoint(cfg.api_base_url);
    const response = await postForm(ctx.http, url, { token: cfg.token, user: cfg.user, ...(message.body as Record<string, string>) }, ctx.timeoutMs);
    const answer = jsonBody(response);
    const errors = Array.isArray(answer?.errors) ? answer.errors.map(String).join('; ') : undefined;
    const detail = errors ?? response.text;
    if (response.status === 429 && !headerValue(response, 'retry-after')) {
      const resetS = Number(headerValue(response, 'x-limit-app-reset'));
      const when = Number.isFinite(resetS) && resetS > 0 ? `; it resets ${new Date(resetS * 1000).toISOString()}` : '';
      throw new PermanentError(`http 429 from ${url}: the application's monthly message quota is used up${when} (${detail})`);
    }
    // 400 (invalid user or token, a blank message) is permanent; 5xx is retried.
    classifyHttpResponse({ ...response, text: detail }, url, ctx.nowMs());
    if (answer && answer.status !== 1) throw new PermanentError(`pushover refused the message at ${url}: ${detail}`);
    return { response: typeof answer?.request === 'string' ? `request ${answer.request}` : response.text.slice(0, 200) };
  },
});
