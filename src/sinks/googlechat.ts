// Google Chat space webhook. Text by default (Chat's own syntax: the title in *…*), or a cardsV2
// card with `format: rich`. Events of one conversation share a thread: `thread.threadKey` with
// messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD, which starts the thread on first use.
// Google answers errors as {"error": {"code", "message", "status"}}; status and message reach the
// outcome.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, jsonBody, postJson } from './http.js';
import { textLength, truncate, truncateEscaped } from './truncate.js';
import { eventFacts, runLink, severityEmoji, severityHex } from './presentation.js';
import { conversationOf } from '../core/conversation.js';
import type { NotificationEvent } from '../core/event.js';

/** Text is cut at 4,096 characters; a whole message (text or card) may not pass 32,000 bytes. */
export const GOOGLECHAT_TEXT_LIMIT = 4096;
export const GOOGLECHAT_MESSAGE_BYTES = 32_000;
const TITLE_LIMIT = 500;
/** Leaves room in the card for the header, facts and button around the body. */
const CARD_BODY_BYTES = 24_000;
const THREAD_KEY_LIMIT = 4000;
const REPLY_OPTION = 'messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';

const GoogleChatConfig = {
  webhook_url: z.string({ message: "googlechat sink requires 'webhook_url' (a space webhook URL)" }).check(z.regex(/^https?:\/\//i, "googlechat 'webhook_url' must start with http:// or https://")),
  format: z._default(z.enum(['text', 'rich'], { message: "googlechat 'format' must be text or rich" }), 'text'),
  /** Template of the thread key; unset: the event's run_id and task_id; "": no threads. */
  conversation: z.optional(z.string()),
};

/**
 * `<users/all>` pings the whole space and `<url|text>` makes a link; a zero-width space after
 * every `<` keeps the text as written and stops both. Chat's text syntax has no escape character.
 */
export function defuseChatText(text: string): string {
  return text.replace(/</g, '<\u200b');
}

/** Card text is a subset of HTML: escaped, with line breaks as <br>. */
export function cardHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br>');
}

function oneLineTitle(event: NotificationEvent): string {
  return truncate(event.title.replace(/\s*\n\s*/g, ' '), TITLE_LIMIT, 'codepoint');
}

function textMessage(event: NotificationEvent): { text: string } {
  // Inside *…* a `*` would end the bold early; the look-alike ∗ keeps the title whole (as slack).
  const head = `${severityEmoji(event.severity)} *${defuseChatText(oneLineTitle(event).replace(/\*/g, '∗'))}*`;
  const link = runLink(event);
  const tail = link ? `\n<${link}|Open the run>` : '';
  const room = GOOGLECHAT_TEXT_LIMIT - textLength(head, 'codepoint') - textLength(tail, 'codepoint') - 1;
  const body = event.body ? `\n${truncateEscaped(event.body, Math.max(0, room), 'codepoint', defuseChatText)}` : '';
  return { text: `${head}${body}${tail}` };
}

function cardMessage(event: NotificationEvent): Record<string, unknown> {
  const facts = eventFacts(event).map((fact) => ({
    decoratedText: {
      topLabel: fact.title,
      text: fact.title === 'Severity' ? `<font color="${severityHex(event.severity)}"><b>${cardHtml(fact.value)}</b></font>` : cardHtml(fact.value),
    },
  }));
  const sections: Record<string, unknown>[] = [];
  if (event.body) sections.push({ widgets: [{ textParagraph: { text: truncateEscaped(event.body, CARD_BODY_BYTES, 'utf8', cardHtml) } }] });
  sections.push({ widgets: facts });
  const link = runLink(event);
  if (link) sections.push({ widgets: [{ buttonList: { buttons: [{ text: 'Open the run', onClick: { openLink: { url: link } } }] } }] });
  // The header is plain text: no escaping, and nothing in it can format.
  const card = { header: { title: `${severityEmoji(event.severity)} ${oneLineTitle(event)}`, subtitle: `${event.severity} · ${event.kind}` }, sections };
  return { cardsV2: [{ cardId: 'herald', card }] };
}

export function googleChatMessage(event: NotificationEvent, cfg: { format: 'text' | 'rich'; conversation?: string }): Record<string, unknown> {
  const message: Record<string, unknown> = cfg.format === 'rich' ? cardMessage(event) : textMessage(event);
  // Google takes thread keys of up to 4,000 characters.
  const threadKey = truncate(conversationOf(event, cfg.conversation) ?? '', THREAD_KEY_LIMIT, 'codepoint', '');
  if (threadKey) message.thread = { threadKey };
  return message;
}

const postUrl = (webhookUrl: string, threaded: boolean) => (threaded ? `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}${REPLY_OPTION}` : webhookUrl);

export const googlechat = defineSink({
  kind: 'googlechat',
  config: GoogleChatConfig,
  secretKeys: ['webhook_url'],
  defaultTimeoutS: 10,
  // Google Chat allows a space's webhooks one message per second between them.
  limits: { perWindow: 1, windowMs: 1000 },
  rateKey: (cfg) => cfg.webhook_url.split('?')[0]!,
  destination: (cfg) => cfg.webhook_url,
  render(event, cfg) {
    const body = googleChatMessage(event, cfg);
    return { target: `POST ${postUrl(cfg.webhook_url, 'thread' in body)}`, body };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const body = message.body as Record<string, unknown>;
    const url = postUrl(cfg.webhook_url, 'thread' in body);
    const response = await postJson(ctx.http, url, body, ctx.timeoutMs);
    // {"error": {"code": 400, "message": "Invalid JSON payload received. …", "status": "INVALID_ARGUMENT"}}
    const error = jsonBody(response)?.error as { message?: unknown; status?: unknown } | undefined;
    const said = error && typeof error.message === 'string' ? `${typeof error.status === 'string' ? `${error.status}: ` : ''}${error.message}` : response.text;
    classifyHttpResponse({ ...response, text: said }, cfg.webhook_url, ctx.nowMs());
    return { response: response.text.slice(0, 200) };
  },
});
