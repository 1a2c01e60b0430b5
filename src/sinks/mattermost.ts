// Mattermost incoming webhook: a bold title line (with the severity's emoji) as `text`, and one
// Slack-style attachment coloured by severity carrying the body, the key facts and the run link.
// Mattermost answers errors as JSON ({"id", "message", "status_code"}); the message reaches the
// outcome. Its rate limiter, when an admin enables it, answers 429 with Retry-After.
import { z } from 'zod';
import { defineSink } from './define.js';
import { classifyHttpResponse, jsonBody, postJson } from './http.js';
import { textLength, truncate, truncateEscaped } from './truncate.js';
import { escapeMarkdown, markdownTitle, neutralizeMentions } from './markdown.js';
import { eventFacts, runLink, severityEmoji, severityHex } from './presentation.js';
import type { NotificationEvent } from '../core/event.js';

/** Mattermost 5.0+ posts hold 16,383 characters (runes). */
export const MATTERMOST_TEXT_LIMIT = 16_383;
const TITLE_LIMIT = 1024;
const FALLBACK_LIMIT = 300;

const MattermostConfig = {
  webhook_url: z.string({ message: "mattermost sink requires 'webhook_url'" }).regex(/^https?:\/\//i, "mattermost 'webhook_url' must start with http:// or https://"),
  channel: z.string().optional(),
  username: z.string().optional(),
  icon_url: z.string().optional(),
  icon_emoji: z.string().optional(),
};

interface Attachment {
  fallback: string;
  color: string;
  text?: string;
  title?: string;
  title_link?: string;
  fields: { title: string; value: string; short: boolean }[];
}

/** The `text` + `attachments` pair both Mattermost and Rocket.Chat take (Slack's legacy layout). */
export function slackStyleMessage(event: NotificationEvent, textLimit: number): { text: string; attachments: Attachment[] } {
  const title = truncate(event.title.replace(/\s*\n\s*/g, ' '), TITLE_LIMIT, 'codepoint');
  const text = `${severityEmoji(event.severity)} **${markdownTitle(title)}**`;
  // Title line and body together stay within one post's limit, so clients that flatten the
  // attachment into the post (mobile push, the email digest) show it whole.
  const body = truncateEscaped(event.body, textLimit - textLength(text, 'codepoint'), 'codepoint', escapeMarkdown);
  const attachment: Attachment = {
    fallback: neutralizeMentions(truncate(event.body ? `${title}: ${event.body}` : title, FALLBACK_LIMIT, 'codepoint')),
    color: severityHex(event.severity),
    ...(body ? { text: body } : {}),
    fields: eventFacts(event).map((fact) => ({ title: fact.title, value: escapeMarkdown(fact.value), short: true })),
  };
  const link = runLink(event);
  if (link) Object.assign(attachment, { title: 'Open the run', title_link: link });
  return { text, attachments: [attachment] };
}

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
    const body: Record<string, unknown> = slackStyleMessage(event, MATTERMOST_TEXT_LIMIT);
    if (cfg.channel) body.channel = cfg.channel;
    if (cfg.username) body.username = cfg.username;
    if (cfg.icon_url) body.icon_url = cfg.icon_url;
    if (cfg.icon_emoji) body.icon_emoji = cfg.icon_emoji;
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
