// Slack incoming webhook (reference §3.1): Bernstein's `*<title>*\n<body>` text, escaped for mrkdwn
// (§10.12) and cut at Slack's 40,000-character limit. Slack answers errors in plain text
// (`invalid_payload`, `channel_not_found`), which reaches the outcome verbatim.
// With `token` + `channel` instead, it posts through the Web API (slack-web-api.ts), which can
// also edit and reply: living messages (`threading:`) need that mode.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, postJson } from './http.js';
import { truncate } from './truncate.js';
import type { NotificationEvent } from '../core/event.js';
import { SLACK_API_BASE_URL, slackEdit, slackMethodUrl, slackPost } from './slack-web-api.js';
import { ThreadingShape } from './threading.js';
import { FormatShape, richView, STATE_COLOUR } from './rich.js';

export const SLACK_TEXT_LIMIT = 40_000;

const optionalText = z.optional(z.string());

const SlackConfig = {
  webhook_url: z.optional(z.string().check(z.regex(/^https?:\/\//i, "slack 'webhook_url' must start with http:// or https://"))),
  // Web API mode: a bot token (xoxb-…) with chat:write, and the channel to post in.
  token: z.optional(z.string().check(z.minLength(1))),
  api_base_url: z._default(z.string().check(z.regex(/^https?:\/\//i, "slack 'api_base_url' must start with http:// or https://")), SLACK_API_BASE_URL),
  username: optionalText,
  icon_emoji: optionalText,
  channel: optionalText,
  ...ThreadingShape,
  ...FormatShape,
};

type Cfg = { webhook_url?: string; token?: string; channel?: string; api_base_url: string; threading: string };

function problems(cfg: Cfg): { key: string; message: string }[] {
  if (cfg.token) return cfg.channel ? [] : [{ key: 'channel', message: "slack sink with 'token' requires 'channel' (a channel id such as C0123456789, or #name)" }];
  if (!cfg.webhook_url) return [{ key: 'webhook_url', message: "slack sink requires 'webhook_url' (an incoming webhook), or 'token' and 'channel' (the Web API)" }];
  if (cfg.threading !== 'new') {
    return [{ key: 'threading', message: `threading: ${cfg.threading} needs the Slack Web API: incoming webhooks cannot edit or reply to a message; set 'token' (a bot token with chat:write) and 'channel' instead of 'webhook_url'` }];
  }
  return [];
}

/** `format: rich`: Block Kit inside a colour-barred attachment, with a plain fallback `text` for notifications. */
function slackRich(event: NotificationEvent): Record<string, unknown> {
  const view = richView(event);
  const heading = `${view.emoji} ${boldTitle(view.title)}`;
  // A section's text holds at most 3,000 characters, a field 2,000.
  const blocks: Record<string, unknown>[] = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(view.body ? `${heading}\n${escapeMrkdwn(view.body)}` : heading, 3000, 'utf16') } }];
  if (view.facts.length) blocks.push({ type: 'section', fields: view.facts.slice(0, 10).map(([name, value]) => ({ type: 'mrkdwn', text: truncate(`*${name}*\n${escapeMrkdwn(value)}`, 2000, 'utf16') })) });
  if (view.link) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${view.link.replace(/[|>]/g, encodeURIComponent)}|View run>` }] });
  const colour = `#${STATE_COLOUR[view.state].toString(16).padStart(6, '0')}`;
  return { text: truncate(`${view.emoji} ${escapeMrkdwn(view.title)}`, 3000, 'utf16'), attachments: [{ color: colour, blocks }] };
}

/** Where the sink posts: the webhook URL, or (Web API) the API, token and channel. */
const destinationOf = (cfg: Cfg) => (cfg.token ? `${cfg.api_base_url} ${cfg.token} ${cfg.channel}` : cfg.webhook_url!);

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
  secretKeys: ['webhook_url', 'token'],
  defaultTimeoutS: 10,
  // "1 message per second, short bursts allowed" per webhook (platform reference §E); the Web
  // API's chat.postMessage allows about one per second per channel too.
  limits: { perWindow: 1, windowMs: 1000 },
  rateKey: destinationOf,
  destination: destinationOf,
  check: problems,
  render(event, cfg) {
    const content = cfg.format === 'rich' ? slackRich(event) : { text: slackText(event) };
    const body: Record<string, unknown> = cfg.token ? { channel: cfg.channel ?? '', ...content } : content;
    // Only non-empty values are sent, as Bernstein does.
    if (cfg.username) body.username = cfg.username;
    if (cfg.icon_emoji) body.icon_emoji = cfg.icon_emoji;
    if (cfg.channel && !cfg.token) body.channel = cfg.channel;
    return { target: `POST ${cfg.token ? slackMethodUrl(cfg, 'chat.postMessage') : cfg.webhook_url}`, body };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    if (cfg.token) {
      const ref = await slackPost(message, cfg, ctx);
      return { response: `ok ts=${ref.id}` };
    }
    const url = cfg.webhook_url!;
    const response = await postJson(ctx.http, url, message.body, ctx.timeoutMs);
    classifyHttpResponse(response, url, ctx.nowMs());
    return { response: response.text.slice(0, 200) };
  },
  threaded: { post: slackPost, edit: slackEdit },
});
