// Slack incoming webhook (reference §3.1): Bernstein's `*<title>*\n<body>` text, escaped for mrkdwn
// (§10.12) and cut at Slack's 40,000-character limit. Slack answers errors in plain text
// (`invalid_payload`, `channel_not_found`), which reaches the outcome verbatim.
import { z } from 'zod';
import { defineSink } from './define.js';
import { classifyHttpResponse, postJson } from './http.js';
import { truncate } from './truncate.js';
import type { NotificationEvent } from '../core/event.js';

export const SLACK_TEXT_LIMIT = 40_000;

const optionalText = z.string().optional();

const SlackConfig = {
  webhook_url: z.string({ message: "slack sink requires 'webhook_url'" }).regex(/^https?:\/\//i, "slack 'webhook_url' must start with http:// or https://"),
  username: optionalText,
  icon_emoji: optionalText,
  channel: optionalText,
};

/** mrkdwn control characters; Slack asks for exactly these three to be escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A title inside *…* cannot contain `*` or a line break without ending the bold early. */
function boldTitle(title: string): string {
  return `*${escapeMrkdwn(title.replace(/\*/g, '∗').replace(/\s*\n\s*/g, ' '))}*`;
}

function slackText(event: NotificationEvent): string {
  const text = event.body ? `${boldTitle(event.title)}\n${escapeMrkdwn(event.body)}` : boldTitle(event.title);
  return truncate(text, SLACK_TEXT_LIMIT, 'utf16');
}

export const slack = defineSink({
  kind: 'slack',
  config: SlackConfig,
  secretKeys: ['webhook_url'],
  defaultTimeoutS: 10,
  // "1 message per second, short bursts allowed" per webhook (platform reference §E).
  limits: { perWindow: 1, windowMs: 1000 },
  rateKey: (cfg) => cfg.webhook_url,
  destination: (cfg) => cfg.webhook_url,
  render(event, cfg) {
    const body: Record<string, string> = { text: slackText(event) };
    // Only non-empty values are sent, as Bernstein does.
    if (cfg.username) body.username = cfg.username;
    if (cfg.icon_emoji) body.icon_emoji = cfg.icon_emoji;
    if (cfg.channel) body.channel = cfg.channel;
    return { target: `POST ${cfg.webhook_url}`, body };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const response = await postJson(ctx.http, cfg.webhook_url, message.body, ctx.timeoutMs);
    classifyHttpResponse(response, cfg.webhook_url, ctx.nowMs());
    return { response: response.text.slice(0, 200) };
  },
});
