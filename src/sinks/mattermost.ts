// Mattermost incoming webhook: a bold title line (with the severity's emoji) as `text`, and one
// Slack-style attachment coloured by severity carrying the body, the key facts and the run link.
// Mattermost answers errors as JSON ({"id", "message", "status_code"}); the message reaches the
// outcome. Its rate limiter, when an admin enables it, answers 429 with Retry-After.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, jsonBody, postJson } from './http.js';
import { slackStyleMessage, withIdentity } from './slack-attachments.js';

/** Mattermost 5.0+ posts hold 16,383 characters (runes). */
export const MATTERMOST_TEXT_LIMIT = 16_383;

const MattermostConfig = {
  webhook_url: z.string({ message: "mattermost sink requires 'webhook_url'" }).check(z.regex(/^https?:\/\//i, "mattermost 'webhook_url' must start with http:// or https://")),
  channel: z.optional(z.string()),
  username: z.optional(z.string()),
  icon_url: z.optional(z.string()),
  icon_emoji: z.optional(z.string()),
};

export const mattermost = defineSink({
  kind: 'mattermost',
  config: MattermostConfig,
  secretKeys: ['webhook_url'],
  defaultTimeoutS: 10,
  // Mattermost's own rate limiter defaults (RateLimitSettings: 10 per second per client).
  limits: { perWindow: 10, windowMs: 1000 },
  rateKey: (cfg) => cfg.webhook_url,
  destination: (cfg) => cfg.webhook_url,
  render(event, cfg) {
    const body = withIdentity(slackStyleMessage(event, { bold: '**', textLimit: MATTERMOST_TEXT_LIMIT }), cfg);
    return { target: `POST ${cfg.webhook_url}`, body };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const response = await postJson(ctx.http, cfg.webhook_url, message.body, ctx.timeoutMs);
    const answer = jsonBody(response);
    // {"id": "web.incoming_webhook.channel.app_error", "message": "Couldn't find the channel."}
    const said = typeof answer?.message === 'string' ? `${answer.message}${typeof answer.id === 'string' ? ` (${answer.id})` : ''}` : response.text;
    classifyHttpResponse({ ...response, text: said }, cfg.webhook_url, ctx.nowMs());
    return { response: response.text.slice(0, 200) };
  },
});
