// Slack's Web API, for what an incoming webhook cannot do: say where a message went
// (chat.postMessage → channel + ts), edit it (chat.update) and reply in its thread (thread_ts).
// Slack answers most errors with HTTP 200 and `{ok: false, error}`, so the body decides:
// `ratelimited` (or an HTTP 429 with Retry-After) is worth a retry, `message_not_found` /
// `thread_not_found` means the parent was deleted, anything else (invalid_auth,
// channel_not_found, not_in_channel…) will not fix itself.
import { PermanentError, TransientError } from '../core/errors.js';
import type { DeliverContext, RenderedMessage } from './define.js';
import { classifyHttpResponse, headerValue, jsonBody, postJson, retryAfterMs } from './http.js';
import { ParentGoneError, type MessageRef } from './threading.js';

export const SLACK_API_BASE_URL = 'https://slack.com/api';

export interface SlackApiConfig {
  token?: string;
  channel?: string;
  api_base_url: string;
}

const TRANSIENT_ERRORS = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
const GONE_ERRORS = new Set(['message_not_found', 'thread_not_found', 'cant_update_message']);

export function slackMethodUrl(cfg: SlackApiConfig, method: string): string {
  return `${cfg.api_base_url.replace(/\/+$/, '')}/${method}`;
}

async function call(cfg: SlackApiConfig, ctx: DeliverContext, method: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const url = slackMethodUrl(cfg, method);
  const response = await postJson(ctx.http, url, body, ctx.timeoutMs, { authorization: `Bearer ${cfg.token ?? ''}`, 'content-type': 'application/json; charset=utf-8' });
  if (response.status === 429) throw new TransientError(`slack ${method}: rate limited (http 429)`, retryAfterMs(headerValue(response, 'retry-after'), ctx.nowMs()) ?? 1000);
  classifyHttpResponse(response, url, ctx.nowMs());
  const answer = jsonBody(response);
  if (!answer) throw new TransientError(`slack ${method}: the answer was not JSON: ${response.text.slice(0, 200)}`);
  if (answer.ok === true) return answer;
  const error = typeof answer.error === 'string' ? answer.error : 'unknown_error';
  const message = `slack ${method}: ${error}`;
  if (TRANSIENT_ERRORS.has(error)) throw new TransientError(message, retryAfterMs(headerValue(response, 'retry-after'), ctx.nowMs()));
  if (GONE_ERRORS.has(error)) throw new ParentGoneError(message);
  throw new PermanentError(`${message}${error === 'not_in_channel' ? ' (invite the bot to the channel)' : ''}`);
}

/** chat.postMessage, as a reply under `replyTo` when given; says where the message lives. */
export async function slackPost(message: RenderedMessage, cfg: SlackApiConfig, ctx: DeliverContext, replyTo?: MessageRef): Promise<MessageRef> {
  const body = { ...(message.body as Record<string, unknown>) };
  if (replyTo) {
    body.thread_ts = replyTo.id;
    if (replyTo.channel) body.channel = replyTo.channel;
  }
  const answer = await call(cfg, ctx, 'chat.postMessage', body);
  const ts = typeof answer.ts === 'string' ? answer.ts : undefined;
  if (!ts) throw new PermanentError('slack chat.postMessage: the answer carried no ts');
  return { id: ts, channel: typeof answer.channel === 'string' ? answer.channel : String(body.channel) };
}

/** chat.update of the stored message (its channel id, as chat.postMessage returned it). */
export async function slackEdit(message: RenderedMessage, cfg: SlackApiConfig, ctx: DeliverContext, ref: MessageRef): Promise<void> {
  const { username: _u, icon_emoji: _i, ...body } = message.body as Record<string, unknown>;
  await call(cfg, ctx, 'chat.update', { ...body, channel: ref.channel ?? body.channel, ts: ref.id });
}
