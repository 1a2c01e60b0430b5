// Telegram Bot API sendMessage, called directly (reference §3.3, §10.13: never long-polling, so it
// cannot conflict with the bot's other consumers). HTML parse mode, title in <b>, 4096-character
// limit. The token sits in the URL path, so errors show the URL with the token replaced.
// Living messages: sendMessage answers the message_id, editMessageText edits it, and replies go
// with reply_parameters. "message is not modified" (the same text again) is a delivered edit.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, jsonBody, postJson } from './http.js';
import { textLength, truncate } from './truncate.js';
import { PermanentError, TransientError } from '../core/errors.js';
import type { DeliverContext } from './define.js';
import { ParentGoneError, ThreadingShape, type MessageRef } from './threading.js';
import { FormatShape, richView } from './rich.js';
import type { NotificationEvent } from '../core/event.js';

export const TELEGRAM_TEXT_LIMIT = 4096;
const TITLE_LIMIT = 1024;

const chatRef = z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]);

const TelegramConfig = {
  token: z.string({ message: "telegram sink requires 'token' (a bot token, usually ${TELEGRAM_BOT_TOKEN})" }).check(z.minLength(1)),
  // Bernstein: chat_id falls back to thread_id; Herald: with both, thread_id is the forum topic.
  chat_id: z.optional(chatRef),
  thread_id: z.optional(chatRef),
  message_thread_id: z.optional(z.number().check(z.int())),
  disable_notification: z.optional(z.boolean()),
  api_base_url: z._default(z.string().check(z.regex(/^https?:\/\//i, "telegram 'api_base_url' must start with http:// or https://")), 'https://api.telegram.org'),
  ...ThreadingShape,
  ...FormatShape,
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The limit counts text after entity parsing, so the raw title and body are cut first and escaped
 * afterwards: an `&amp;` or the closing `</b>` can never be cut in half.
 */
export function telegramText(title: string, body: string): string {
  const cutTitle = truncate(title, TITLE_LIMIT, 'utf16');
  if (!body) return `<b>${escapeHtml(cutTitle)}</b>`;
  const room = TELEGRAM_TEXT_LIMIT - textLength(cutTitle, 'utf16') - 2;
  return `<b>${escapeHtml(cutTitle)}</b>\n\n${escapeHtml(truncate(body, room, 'utf16'))}`;
}

/** `format: rich`: the state's emoji before the bold title, the body, the key facts, a link to the run. */
export function telegramRichText(event: NotificationEvent): string {
  const view = richView(event);
  const tail = [
    ...view.facts.map(([name, value]) => `<b>${escapeHtml(name)}:</b> ${escapeHtml(value)}`),
    ...(view.link ? [`<a href="${escapeHtml(view.link).replace(/"/g, '&quot;')}">View run</a>`] : []),
  ].join('\n');
  // The facts and link are kept whole; the body gives way to them (counted before escaping, as telegramText does).
  const tailLength = tail ? textLength(tail.replace(/<[^>]+>/g, ''), 'utf16') + 2 : 0;
  const head = telegramText(`${view.emoji} ${view.title}`, truncate(view.body, Math.max(0, TELEGRAM_TEXT_LIMIT - tailLength - 1100), 'utf16'));
  return tail ? `${head}\n\n${tail}` : head;
}

type Cfg = { chat_id?: string | number; thread_id?: string | number; message_thread_id?: number };

function chatOf(cfg: Cfg): string | number | undefined {
  const chat = cfg.chat_id ?? cfg.thread_id;
  // Bernstein sends an int when the id parses as one (python-telegram-bot does the same).
  return typeof chat === 'string' && /^-?\d+$/.test(chat) ? Number(chat) : chat;
}

function topicOf(cfg: Cfg): number | undefined {
  if (cfg.message_thread_id !== undefined) return cfg.message_thread_id;
  return cfg.chat_id !== undefined && cfg.thread_id !== undefined ? Number(cfg.thread_id) : undefined;
}

const endpoint = (base: string, token: string, method = 'sendMessage') => `${base.replace(/\/+$/, '')}/bot${token}/${method}`;

export const telegram = defineSink({
  kind: 'telegram',
  config: TelegramConfig,
  destination: (cfg) => `${cfg.api_base_url} ${cfg.token} ${cfg.chat_id ?? cfg.thread_id}`,
  secretKeys: ['token'],
  defaultTimeoutS: 10,
  // Telegram's FAQ: avoid more than one message per second in one chat.
  limits: { perWindow: 1, windowMs: 1000 },
  rateKey: (cfg) => `${cfg.api_base_url}|${String(chatOf(cfg))}`,
  check(cfg) {
    return chatOf(cfg) === undefined ? [{ key: 'chat_id', message: "telegram sink requires 'chat_id'" }] : [];
  },
  render(event, cfg) {
    const body: Record<string, unknown> = { chat_id: chatOf(cfg), text: cfg.format === 'rich' ? telegramRichText(event) : telegramText(event.title, event.body), parse_mode: 'HTML' };
    const topic = topicOf(cfg);
    if (topic !== undefined) body.message_thread_id = topic;
    if (cfg.disable_notification !== undefined) body.disable_notification = cfg.disable_notification;
    return { target: `POST ${endpoint(cfg.api_base_url, '***')}`, body };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    await call(cfg, ctx, 'sendMessage', message.body);
    return { response: 'ok' };
  },
  threaded: {
    async post(message, cfg, ctx, replyTo): Promise<MessageRef> {
      const body = { ...(message.body as Record<string, unknown>) };
      // allow_sending_without_reply: a deleted parent must not turn the reply into a failure.
      if (replyTo) body.reply_parameters = { message_id: Number(replyTo.id), allow_sending_without_reply: true };
      const result = (await call(cfg, ctx, 'sendMessage', body))?.result as { message_id?: unknown } | undefined;
      if (typeof result?.message_id !== 'number') throw new PermanentError('telegram sendMessage: the answer carried no message_id');
      return { id: String(result.message_id), channel: String(body.chat_id) };
    },
    async edit(message, cfg, ctx, ref) {
      const { text, parse_mode, chat_id } = message.body as Record<string, unknown>;
      await call(cfg, ctx, 'editMessageText', { chat_id: ref.channel !== undefined ? chatOf({ chat_id: ref.channel }) : chat_id, message_id: Number(ref.id), text, parse_mode });
    },
  },
});

async function call(cfg: { api_base_url: string; token: string }, ctx: DeliverContext, method: string, body: unknown): Promise<Record<string, unknown> | undefined> {
  const shownUrl = endpoint(cfg.api_base_url, '***', method);
  const response = await postJson(ctx.http, endpoint(cfg.api_base_url, cfg.token, method), body, ctx.timeoutMs).catch((error: Error) => {
    error.message = error.message.split(cfg.token).join('***');
    throw error;
  });
  const answer = jsonBody(response);
  const description = typeof answer?.description === 'string' ? answer.description : response.text;
  if (response.status === 429) {
    const retryAfterS = Number((answer?.parameters as { retry_after?: unknown } | undefined)?.retry_after);
    throw new TransientError(`telegram 429 from ${shownUrl}: ${description}`, Number.isFinite(retryAfterS) ? retryAfterS * 1000 : undefined);
  }
  if (method === 'editMessageText' && response.status === 400) {
    if (/message is not modified/i.test(description)) return answer;
    if (/message to edit not found|message can't be edited/i.test(description)) throw new ParentGoneError(`telegram editMessageText: ${description}`);
  }
  // 400 (can't parse entities, chat not found), 403 (bot blocked), 404 (bad token): permanent.
  classifyHttpResponse({ ...response, text: description }, shownUrl, ctx.nowMs());
  return answer;
}
