// Discord webhook (reference §3.2): one embed coloured by severity. Herald enforces Discord's embed
// limits by truncation, drops an empty description, blocks @everyone injection, and follows the
// rate-limit headers Discord sends with every answer.
import { z } from 'zod';
import { defineSink, type DeliverContext } from './define.js';
import { classifyHttpResponse, headerValue, jsonBody, postJson, type HttpResponse } from './http.js';
import { textLength, truncate } from './truncate.js';
import { TransientError } from '../core/errors.js';

export const DISCORD_LIMITS = { title: 256, description: 4096, embedTotal: 6000, content: 2000 } as const;
// `critical` takes the error colour (Bernstein fell back to info's blue for it).
export const DISCORD_COLOURS: Record<string, number> = { info: 3447003, warning: 15844367, error: 15158332, critical: 15158332 };

const DiscordConfig = {
  webhook_url: z.string({ message: "discord sink requires 'webhook_url'" }).regex(/^https?:\/\//i, "discord 'webhook_url' must start with http:// or https://"),
  username: z.string().optional(),
  avatar_url: z.string().optional(),
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
    const body: Record<string, unknown> = { embeds: [discordEmbed(event.title, event.body, event.severity)] };
    if (cfg.username) body.username = cfg.username;
    if (cfg.avatar_url) body.avatar_url = cfg.avatar_url;
    body.allowed_mentions = { parse: [] };
    return { target: `POST ${cfg.webhook_url}`, body };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    await waitForBucket(ctx);
    const response = await postJson(ctx.http, cfg.webhook_url, message.body, ctx.timeoutMs);
    rememberBucket(response, ctx);
    if (response.status === 429) {
      // Discord's JSON retry_after (float seconds) is more precise than the header.
      const retryAfterS = Number(jsonBody(response)?.retry_after ?? headerValue(response, 'retry-after'));
      const retryAfterMs = Number.isFinite(retryAfterS) ? Math.ceil(retryAfterS * 1000) : undefined;
      throw new TransientError(`http 429 from ${cfg.webhook_url}: ${response.text.slice(0, 500)}`, retryAfterMs);
    }
    classifyHttpResponse(response, cfg.webhook_url, ctx.nowMs());
    return { response: response.text.slice(0, 200) };
  },
});

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
