// Rocket.Chat incoming webhook integration: Slack's legacy `text` + `attachments` layout, the
// title bold in Rocket.Chat's `*…*`. Rocket.Chat answers `{"success": false, "error": "…"}`; the
// error reaches the outcome. Its API rate limiter answers 429 with X-RateLimit-Reset (a time in
// epoch milliseconds) rather than Retry-After, so both are read.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, headerValue, jsonBody, postJson, type HttpResponse } from './http.js';
import { slackStyleMessage, withIdentity } from './slack-attachments.js';

/** Rocket.Chat's default "Maximum Allowed Characters Per Message" (Message_MaxAllowedSize). */
export const ROCKETCHAT_TEXT_LIMIT = 5000;

const RocketChatConfig = {
  webhook_url: z.string({ message: "rocketchat sink requires 'webhook_url'" }).check(z.regex(/^https?:\/\//i, "rocketchat 'webhook_url' must start with http:// or https://")),
  channel: z.optional(z.string()),
  username: z.optional(z.string()),
  icon_url: z.optional(z.string()),
  icon_emoji: z.optional(z.string()),
  /** A server whose administrator raised Message_MaxAllowedSize can take longer messages. */
  max_message_chars: z._default(z.number().check(z.int(), z.gte(200, "rocketchat 'max_message_chars' must be at least 200")), ROCKETCHAT_TEXT_LIMIT),
};

/** Retry-After when sent; otherwise X-RateLimit-Reset, an absolute time in epoch milliseconds. */
function withRetryAfter(response: HttpResponse, nowMs: number): HttpResponse {
  if (response.status !== 429 || headerValue(response, 'retry-after')) return response;
  const resetAtMs = Number(headerValue(response, 'x-ratelimit-reset'));
  if (!Number.isFinite(resetAtMs) || resetAtMs <= 0) return response;
  const seconds = Math.max(0, Math.ceil((resetAtMs - nowMs) / 1000));
  return { ...response, headers: { ...response.headers, 'retry-after': String(seconds) } };
}

export const rocketchat = defineSink({
  kind: 'rocketchat',
  config: RocketChatConfig,
  secretKeys: ['webhook_url'],
  defaultTimeoutS: 10,
  // Rocket.Chat's API rate limiter default: 10 calls per 60 s per endpoint and client.
  limits: { perWindow: 10, windowMs: 60_000 },
  rateKey: (cfg) => cfg.webhook_url,
  destination: (cfg) => cfg.webhook_url,
  render(event, cfg) {
    // Rocket.Chat reads Slack's names for these (alias, avatar and emoji are its own synonyms).
    const body = withIdentity(slackStyleMessage(event, { bold: '*', textLimit: cfg.max_message_chars }), cfg);
    return { target: `POST ${cfg.webhook_url}`, body };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const response = withRetryAfter(await postJson(ctx.http, cfg.webhook_url, message.body, ctx.timeoutMs), ctx.nowMs());
    const answer = jsonBody(response);
    const said = typeof answer?.error === 'string' ? answer.error : response.text;
    classifyHttpResponse({ ...response, text: said }, cfg.webhook_url, ctx.nowMs());
    // A script on the integration can turn a 200 into {"success": false}: not delivered.
    if (answer?.success === false) classifyHttpResponse({ ...response, status: 400, text: said }, cfg.webhook_url, ctx.nowMs());
    return { response: response.text.slice(0, 200) };
  },
});
