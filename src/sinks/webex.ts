// Webex Messaging: POST <api_base_url>/messages with a bot or integration token, markdown to a
// room. Webex answers errors as {"message", "errors": [{"description"}], "trackingId"}; the message
// and the tracking id (what Webex support asks for) reach the outcome. A 429, and a 423 (the
// resource is busy), say when to come back in Retry-After.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, headerValue, jsonBody, postJson, retryAfterMs } from './http.js';
import { textLength, truncate, truncateEscaped } from './truncate.js';
import { escapeMarkdown, markdownTitle } from './markdown.js';
import { eventFacts, runLink, severityEmoji } from './presentation.js';
import { TransientError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';

/** Webex's documented maximum for a message's markdown. */
export const WEBEX_MARKDOWN_BYTES = 7439;
const TITLE_LIMIT = 500;

const WebexConfig = {
  token: z.string({ message: "webex sink requires 'token' (a bot access token, usually ${WEBEX_BOT_TOKEN})" }).check(z.minLength(1)),
  room_id: z.string({ message: "webex sink requires 'room_id' (the room's id; the bot must be a member)" }).check(z.minLength(1)),
  api_base_url: z._default(z.string().check(z.regex(/^https?:\/\//i, "webex 'api_base_url' must start with http:// or https://")), 'https://webexapis.com/v1'),
};

/** `❌ **title**`, the body, one line of facts and the run link, within 7,439 bytes. */
export function webexMarkdown(event: NotificationEvent): string {
  const head = `${severityEmoji(event.severity)} **${markdownTitle(truncate(event.title, TITLE_LIMIT, 'codepoint'))}**`;
  const facts = eventFacts(event).map((fact) => `${escapeMarkdown(fact.title)}: ${escapeMarkdown(fact.value)}`).join(' · ');
  const link = runLink(event);
  // A URL inside (…) ends at the first unescaped ')' or space; runLink has no spaces.
  const tail = [facts, link ? `[Open the run](${link.replace(/\)/g, '%29')})` : ''].filter(Boolean).join('\n\n');
  const room = WEBEX_MARKDOWN_BYTES - textLength(`${head}\n\n\n\n${tail}`, 'utf8');
  const body = event.body ? truncateEscaped(event.body, Math.max(0, room), 'utf8', escapeMarkdown) : '';
  return [head, body, tail].filter(Boolean).join('\n\n');
}

const endpoint = (base: string) => `${base.replace(/\/+$/, '')}/messages`;

export const webex = defineSink({
  kind: 'webex',
  config: WebexConfig,
  secretKeys: ['token'],
  defaultTimeoutS: 10,
  // Webex publishes no number; it answers 429 with Retry-After. One per second per room is polite.
  limits: { perWindow: 1, windowMs: 1000 },
  rateKey: (cfg) => `${cfg.api_base_url}|${cfg.room_id}`,
  destination: (cfg) => `${cfg.api_base_url} ${cfg.token} ${cfg.room_id}`,
  render(event, cfg) {
    return { target: `POST ${endpoint(cfg.api_base_url)}`, body: { roomId: cfg.room_id, markdown: webexMarkdown(event) } };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const url = endpoint(cfg.api_base_url);
    const response = await postJson(ctx.http, url, message.body, ctx.timeoutMs, { authorization: `Bearer ${cfg.token}` });
    const answer = jsonBody(response);
    const detail = (answer?.errors as { description?: unknown }[] | undefined)?.[0]?.description;
    const said = typeof answer?.message === 'string'
      ? `${answer.message}${typeof detail === 'string' && detail !== answer.message ? ` (${detail})` : ''}${typeof answer.trackingId === 'string' ? ` [trackingId ${answer.trackingId}]` : ''}`
      : response.text;
    if (response.status === 423) {
      throw new TransientError(`http 423 from ${url}: ${said}`, retryAfterMs(headerValue(response, 'retry-after'), ctx.nowMs()));
    }
    classifyHttpResponse({ ...response, text: said }, url, ctx.nowMs());
    return { response: typeof answer?.id === 'string' ? `message ${answer.id}` : `http ${response.status}` };
  },
});
