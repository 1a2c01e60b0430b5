// ntfy: a push to phones and desktops. Published in ntfy's header form, POST <topic URL> with the
// message as the body, so the topic (which on ntfy.sh is the only password) stays in the URL that
// Herald redacts rather than in a JSON body that `herald render` would print. Header values that
// are not ASCII are RFC 2047-encoded, which ntfy decodes (docs.ntfy.sh/publish, "list of all
// parameters"). The message is plain text: nothing to escape.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, jsonBody } from './http.js';
import { truncate } from './truncate.js';
import { runLink } from './presentation.js';
import type { NotificationEvent } from '../core/event.js';

/** Longer messages become a file attachment on ntfy (or are refused where attachments are off). */
export const NTFY_MESSAGE_BYTES = 4096;
const TITLE_LIMIT = 250;

const PRIORITY = z.union([z.number().check(z.int(), z.gte(1), z.lte(5)), z.enum(['min', 'low', 'default', 'high', 'max', 'urgent'])]);
const SEVERITY_PRIORITY: Record<string, number> = { info: 3, warning: 3, error: 4, critical: 5 };
const SEVERITY_TAG: Record<string, string> = { info: 'information_source', warning: 'warning', error: 'rotating_light', critical: 'rotating_light' };

const NtfyConfig = {
  url: z.string({ message: "ntfy sink requires 'url' (the topic URL, e.g. https://ntfy.sh/my-topic)" }).check(z.regex(/^https?:\/\/[^/]+\/[^?#]*[^/?#]/i, "ntfy 'url' must be a topic URL such as https://ntfy.sh/my-topic")),
  token: z.optional(z.string().check(z.minLength(1))),
  /** Per severity, overriding the default (error → high, otherwise default). */
  priority: z.optional(z.strictObject({ info: z.optional(PRIORITY), warning: z.optional(PRIORITY), error: z.optional(PRIORITY), critical: z.optional(PRIORITY) })),
  tags: z._default(z.array(z.string().check(z.minLength(1))), []),
};

/** RFC 2047 "B" encoding for a header value that is not plain ASCII. */
export function headerText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function ntfyHeaders(event: NotificationEvent, cfg: { priority?: Record<string, unknown>; tags: string[] }): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  // With an empty body the title is the message; ntfy would otherwise show "triggered".
  if (event.body) headers.title = headerText(truncate(event.title.replace(/\s*\n\s*/g, ' '), TITLE_LIMIT, 'codepoint'));
  headers.priority = String(cfg.priority?.[event.severity] ?? SEVERITY_PRIORITY[event.severity] ?? 3);
  headers.tags = headerText([SEVERITY_TAG[event.severity] ?? SEVERITY_TAG.info!, ...cfg.tags].join(','));
  const link = runLink(event);
  if (link) {
    headers.click = headerText(link);
    // The action format is comma-separated; a link with a comma or semicolon would split it.
    if (!/[,;]/.test(link)) headers.actions = headerText(`view, Open the run, ${link}`);
  }
  return headers;
}

/** ntfy counts requests per client across topics, so sinks on one server share a bucket. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export const ntfy = defineSink({
  kind: 'ntfy',
  config: NtfyConfig,
  secretKeys: ['url', 'token'],
  defaultTimeoutS: 10,
  // ntfy.sh's visitor limits: a burst of 60, then one request per 5 s, counted per client.
  limits: { perWindow: 12, windowMs: 60_000 },
  rateKey: (cfg) => originOf(cfg.url),
  destination: (cfg) => cfg.url,
  render(event, cfg) {
    const message = truncate(event.body || event.title, NTFY_MESSAGE_BYTES, 'utf8');
    const headers = ntfyHeaders(event, cfg);
    if (cfg.token) headers.authorization = 'Bearer ***';
    return { target: `POST ${cfg.url}`, body: message, meta: { headers } };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const headers = { ...(message.meta!.headers as Record<string, string>) };
    if (cfg.token) headers.authorization = `Bearer ${cfg.token}`;
    const response = await ctx.http.send({ method: 'POST', url: cfg.url, headers, body: String(message.body), timeoutMs: ctx.timeoutMs });
    // {"code": 40301, "http": 403, "error": "forbidden", "link": "https://ntfy.sh/docs/publish/#authentication"}
    const answer = jsonBody(response);
    const said = typeof answer?.error === 'string' ? `${answer.error}${answer.code ? ` (ntfy ${String(answer.code)})` : ''}` : response.text;
    classifyHttpResponse({ ...response, text: said }, cfg.url, ctx.nowMs());
    // Not the answer itself: it names the topic, which is the secret part of the URL.
    return { response: typeof answer?.id === 'string' ? `message ${answer.id}` : `http ${response.status}` };
  },
});
