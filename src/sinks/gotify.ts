// Gotify `POST /message` with an application token in X-Gotify-Key: title, message and a priority
// from the severity. The message is shown as plain text (extras client::display), so nothing in
// it needs escaping; the run link, when there is one, opens on a tap. Errors come as
// {"error", "errorCode", "errorDescription"}.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, jsonBody, postJson } from './http.js';
import { truncate } from './truncate.js';
import { runLink } from './presentation.js';

// Gotify documents no size limit, but on MySQL a message is a TEXT column (65,535 bytes): 16,000
// characters of at most four UTF-8 bytes always fit.
export const GOTIFY_MESSAGE_LIMIT = 16_000;
const TITLE_LIMIT = 250;
/** Gotify's bands: 1–3 no sound, 4–7 sound, 8–10 pop-up. */
// Bernstein's `critical` is louder than error: Gotify's top priority.
export const GOTIFY_PRIORITIES = { info: 2, warning: 5, error: 8, critical: 10 } as const;

const priority = z.optional(z.number().check(z.int(), z.gte(0), z.lte(10)));

const GotifyConfig = {
  url: z.string({ message: "gotify sink requires 'url' (the server, e.g. https://gotify.example.org)" }).check(z.regex(/^https?:\/\//i, "gotify 'url' must start with http:// or https://")),
  token: z.string({ message: "gotify sink requires 'token' (an application token, usually ${GOTIFY_TOKEN})" }).check(z.minLength(1)),
  priorities: z._default(z.strictObject({ info: priority, warning: priority, error: priority, critical: priority }), {}),
};

const endpoint = (url: string) => `${url.replace(/\/+$/, '')}/message`;

export const gotify = defineSink({
  kind: 'gotify',
  config: GotifyConfig,
  secretKeys: ['token'],
  defaultTimeoutS: 10,
  // Self-hosted with no published limit: a pace a small server (and a phone) takes comfortably.
  limits: { perWindow: 5, windowMs: 1000 },
  rateKey: (cfg) => cfg.url,
  destination: (cfg) => `${cfg.url} ${cfg.token}`,
  render(event, cfg) {
    const link = runLink(event);
    const extras: Record<string, unknown> = { 'client::display': { contentType: 'text/plain' } };
    if (link) extras['client::notification'] = { click: { url: link } };
    return {
      target: `POST ${endpoint(cfg.url)}`,
      body: {
        title: truncate(event.title, TITLE_LIMIT, 'codepoint'),
        // Gotify refuses an empty message.
        message: truncate(event.body || event.title, GOTIFY_MESSAGE_LIMIT, 'codepoint'),
        priority: cfg.priorities[event.severity] ?? GOTIFY_PRIORITIES[event.severity],
        extras,
      },
    };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const url = endpoint(cfg.url);
    const response = await postJson(ctx.http, url, message.body, ctx.timeoutMs, { 'x-gotify-key': cfg.token });
    const answer = jsonBody(response);
    const detail = typeof answer?.error === 'string' ? `${answer.error}: ${String(answer.errorDescription ?? '')}` : response.text;
    // 400 (bad priority…), 401/403 (wrong or client token): permanent; 429 and 5xx (a proxy in front) retried.
    classifyHttpResponse({ ...response, text: detail }, url, ctx.nowMs());
    return { response: typeof answer?.id === 'number' ? `message ${answer.id}` : response.text.slice(0, 200) };
  },
});
