// Discord webhook (reference §3.2): one embed coloured by severity. Herald enforces Discord's embed
// limits by truncation, drops an empty description, blocks @everyone injection, and follows the
// rate-limit headers Discord sends with every answer.
// Living messages: `?wait=true` makes Discord answer with the message (its id), and
// `PATCH {webhook_url}/messages/{id}` edits it. A webhook cannot reply under a message, so a
// reply is a follow-up message (in the webhook's thread when the URL carries `thread_id`).
import * as z from '../core/zod.js';
import { defineSink, type DeliverContext } from './define.js';
import { classifyHttpResponse, headerValue, jsonBody, type HttpResponse } from './http.js';
import { textLength, truncate } from './truncate.js';
import { PermanentError, TransientError } from '../core/errors.js';
import { ParentGoneError, ThreadingShape, type MessageRef } from './threading.js';
import { FormatShape, richView, STATE_COLOUR } from './rich.js';
import type { NotificationEvent } from '../core/event.js';

export const DISCORD_LIMITS = { title: 256, description: 4096, embedTotal: 6000, content: 2000 } as const;
// `critical` takes the error colour (Bernstein fell back to info's blue for it).
export const DISCORD_COLOURS: Record<string, number> = { info: 3447003, warning: 15844367, error: 15158332, critical: 15158332 };

const DiscordConfig = {
  webhook_url: z.string({ message: "discord sink requires 'webhook_url'" }).check(z.regex(/^https?:\/\//i, "discord 'webhook_url' must start with http:// or https://")),
  username: z.optional(z.string()),
  avatar_url: z.optional(z.string()),
  ...ThreadingShape,
  ...FormatShape,
};

interface Embed {
  title: string;
  description?: string;
  color: number;
}

/** Title and description within their limits, and both together within the 6000 total. */
export function discordEmbed(title: string, body: string, severity: string): Embed {
  const cutTitle = truncate(title, DISCORD_LIMITS.title, 'codepoint');
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - textLength(cutTitle, 'codepoint'));
  const embed: Embed = { title: cutTitle, color: DISCORD_COLOURS[severity] ?? DISCORD_COLOURS.info! };
  // Discord rejects an empty description; leaving the key out is what it accepts (§10.15).
  if (body) embed.description = truncate(body, room, 'codepoint');
  return { title: embed.title, ...(embed.description !== undefined ? { description: embed.description } : {}), color: embed.color };
}

/** `format: rich`: the state's emoji and colour, the key facts as inline fields, the run as the title link. */
export function discordRichEmbed(event: NotificationEvent): Record<string, unknown> {
  const view = richView(event);
  const embed: Record<string, unknown> = { ...discordEmbed(`${view.emoji} ${view.title}`, view.body, event.severity), color: STATE_COLOUR[view.state] };
  // Field names hold 256 characters and values 1,024; the facts are short, the cut is a guard.
  if (view.facts.length) embed.fields = view.facts.slice(0, 25).map(([name, value]) => ({ name: truncate(name, 256, 'codepoint'), value: truncate(value, 1024, 'codepoint'), inline: true }));
  if (view.link) embed.url = view.link;
  return embed;
}

const RATE_MEMORY = 'discord-rate';
interface RateMemory {
  remaining: number;
  resetAtMs: number;
}

export const discord = defineSink({
  kind: 'discord',
  config: DiscordConfig,
  secretKeys: ['webhook_url'],
  defaultTimeoutS: 10,
  // Commonly reported per-webhook budget; the headers below correct it at run time.
  limits: { perWindow: 5, windowMs: 2000 },
  rateKey: (cfg) => cfg.webhook_url,
  destination: (cfg) => cfg.webhook_url,
  render(event, cfg) {
    const body: Record<string, unknown> = { embeds: [cfg.format === 'rich' ? discordRichEmbed(event) : discordEmbed(event.title, event.body, event.severity)] };
    if (cfg.username) body.username = cfg.username;
    if (cfg.avatar_url) body.avatar_url = cfg.avatar_url;
    body.allowed_mentions = { parse: [] };
    return { target: `POST ${cfg.webhook_url}`, body };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const response = await exchange(ctx, 'POST', cfg.webhook_url, message.body, cfg.webhook_url);
    return { response: response.text.slice(0, 200) };
  },
  threaded: {
    async post(message, cfg, ctx): Promise<MessageRef> {
      const response = await exchange(ctx, 'POST', withPath(cfg.webhook_url, '', { wait: 'true' }), message.body, cfg.webhook_url);
      const id = jsonBody(response)?.id;
      if (typeof id !== 'string' || !id) throw new PermanentError(`discord answered ?wait=true without a message id: ${response.text.slice(0, 200)}`);
      return { id };
    },
    async edit(message, cfg, ctx, ref) {
      // Who posted is fixed when the message is made; an edit carries only its content.
      const { username: _u, avatar_url: _a, ...body } = message.body as Record<string, unknown>;
      await exchange(ctx, 'PATCH', withPath(cfg.webhook_url, `/messages/${encodeURIComponent(ref.id)}`), body, cfg.webhook_url);
    },
  },
});

/** One request with the bucket wait before and the rate headers, 429 and Unknown Message after. */
async function exchange(ctx: DeliverContext, method: string, url: string, body: unknown, shownUrl: string): Promise<HttpResponse> {
  await waitForBucket(ctx);
  const response = await ctx.http.send({ method, url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), timeoutMs: ctx.timeoutMs });
  rememberBucket(response, ctx);
  if (response.status === 429) {
    // Discord's JSON retry_after (float seconds) is more precise than the header.
    const retryAfterS = Number(jsonBody(response)?.retry_after ?? headerValue(response, 'retry-after'));
    const retryAfterMs = Number.isFinite(retryAfterS) ? Math.ceil(retryAfterS * 1000) : undefined;
    throw new TransientError(`http 429 from ${shownUrl}: ${response.text.slice(0, 500)}`, retryAfterMs);
  }
  // 10008 Unknown Message: the message was deleted (or belongs to another webhook).
  if (response.status === 404 && jsonBody(response)?.code === 10008) throw new ParentGoneError(`discord: Unknown Message (${method} ${shownUrl}/messages/…)`);
  classifyHttpResponse(response, shownUrl, ctx.nowMs());
  return response;
}

/** The webhook URL with a path appended before its query (thread_id stays) and query keys added. */
function withPath(webhookUrl: string, path: string, query: Record<string, string> = {}): string {
  const url = new URL(webhookUrl);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

/** When the last answer said the bucket is empty, wait for it to refill instead of earning a 429. */
async function waitForBucket(ctx: DeliverContext): Promise<void> {
  const seen = ctx.memory.get(RATE_MEMORY) as RateMemory | undefined;
  if (!seen || seen.remaining > 0) return;
  const waitMs = seen.resetAtMs - ctx.nowMs();
  if (waitMs > 0) await ctx.sleep(waitMs);
}

function rememberBucket(response: HttpResponse, ctx: DeliverContext): void {
  const remaining = Number(headerValue(response, 'x-ratelimit-remaining'));
  const resetAfterS = Number(headerValue(response, 'x-ratelimit-reset-after'));
  if (!Number.isFinite(remaining) || !Number.isFinite(resetAfterS)) return;
  ctx.memory.set(RATE_MEMORY, { remaining, resetAtMs: ctx.nowMs() + Math.ceil(resetAfterS * 1000) } satisfies RateMemory);
}
