// Zulip REST API `POST /api/v1/messages` (form-encoded, HTTP Basic as the bot's email and API key):
// a channel message whose topic is the natural thread. The title is bold with Markdown escaped; the
// body goes in a code block, where no Markdown, mention or LaTeX is read. Errors come as
// {"result": "error", "msg", "code"}; a rate limit is 429 RATE_LIMIT_HIT with "retry-after" seconds.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { basicCredential, classifyHttpResponse, headerValue, jsonBody, postForm, retryAfterMs } from './http.js';
import { textLength, truncate } from './truncate.js';
import { fill } from '../core/template.js';
import { TransientError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';

// Server defaults (max_message_length, max_topic_length), counted in characters as Python does.
export const ZULIP_CONTENT_LIMIT = 10_000;
export const ZULIP_TOPIC_LIMIT = 60;
const TITLE_LIMIT = 500;

const ZulipConfig = {
  site: z.string({ message: "zulip sink requires 'site' (e.g. https://example.zulipchat.com)" }).check(z.regex(/^https?:\/\//i, "zulip 'site' must start with http:// or https://")),
  email: z.string({ message: "zulip sink requires 'email' (the bot's email address)" }).check(z.minLength(3)),
  api_key: z.string({ message: "zulip sink requires 'api_key' (usually ${ZULIP_API_KEY})" }).check(z.minLength(1)),
  stream: z.string({ message: "zulip sink requires 'stream' (the channel name)" }).check(z.minLength(1)),
  /** A template over the event ({{task_id}}, {{labels.repo}}…); default: the task id, else the kind. */
  topic: z.optional(z.string().check(z.minLength(1))),
};

/**
 * Backslash escapes Zulip's renderer keeps from Python-Markdown, for the characters that matter on
 * one line inside `**…**`: emphasis, code, links, and the `@**all**` / `#**channel**` mentions.
 */
export function escapeZulipMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]]/g, '\\$&');
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

export function zulipContent(title: string, body: string): string {
  const heading = `**${escapeZulipMarkdown(truncate(title.replace(/\s*\n\s*/g, ' '), TITLE_LIMIT, 'codepoint'))}**`;
  if (!body) return heading;
  // Chosen from the whole body: cutting only removes backtick runs, so the cut text cannot close it.
  const fence = fenceFor(body);
  const room = ZULIP_CONTENT_LIMIT - textLength(`${heading}\n${fence}text\n\n${fence}`, 'codepoint');
  return `${heading}\n${fence}text\n${truncate(body, room, 'codepoint')}\n${fence}`;
}

export function zulipTopic(event: NotificationEvent, template: string | undefined): string {
  const filled = (template ? fill(template, event) : event.task_id ?? '').replace(/\s+/g, ' ').trim();
  return truncate(filled || event.kind, ZULIP_TOPIC_LIMIT, 'codepoint', '…');
}

const endpoint = (site: string) => `${site.replace(/\/+$/, '')}/api/v1/messages`;

export const zulip = defineSink({
  kind: 'zulip',
  config: ZulipConfig,
  secretKeys: ['api_key'],
  derivedSecrets: (cfg) => [basicCredential(cfg.email, cfg.api_key)],
  defaultTimeoutS: 10,
  // Zulip's default API budget: 200 requests a minute per user.
  limits: { perWindow: 200, windowMs: 60_000 },
  rateKey: (cfg) => `${cfg.site}|${cfg.email}`,
  destination: (cfg) => `${cfg.site} ${cfg.stream}`,
  render(event, cfg) {
    return { target: `POST ${endpoint(cfg.site)}`, body: { type: 'stream', to: cfg.stream, topic: zulipTopic(event, cfg.topic), content: zulipContent(event.title, event.body) } };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const url = endpoint(cfg.site);
    const response = await postForm(ctx.http, url, message.body as Record<string, string>, ctx.timeoutMs, { authorization: `Basic ${basicCredential(cfg.email, cfg.api_key)}` });
    const answer = jsonBody(response);
    const detail = answer?.result === 'error' ? `${typeof answer.code === 'string' ? `${answer.code}: ` : ''}${String(answer.msg ?? '')}` : response.text;
    if (response.status === 429 || answer?.code === 'RATE_LIMIT_HIT') {
      const fromBody = Number(answer?.['retry-after']);
      const wait = Number.isFinite(fromBody) && fromBody >= 0 ? Math.ceil(fromBody * 1000) : retryAfterMs(headerValue(response, 'retry-after'), ctx.nowMs());
      throw new TransientError(`http ${response.status} from ${url}: ${detail}`, wait);
    }
    // 400 (no such channel, topic required), 401 INVALID_API_KEY, 403 deactivated: permanent.
    classifyHttpResponse({ ...response, text: detail }, url, ctx.nowMs());
    return { response: typeof answer?.id === 'number' ? `message ${answer.id}` : response.text.slice(0, 200) };
  },
});
