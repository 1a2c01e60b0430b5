// Matrix client-server API (spec v1.x "PUT /rooms/{roomId}/send/{eventType}/{txnId}"): an m.text
// message with a plain `body` and an HTML `formatted_body`. The transaction id is derived from the
// sink and the event, so a resend of the same event is recognised by the homeserver and not posted
// twice. Errors come as {errcode, error}; a rate limit is 429 M_LIMIT_EXCEEDED with retry_after_ms.
import { createHash } from 'node:crypto';
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, headerValue, jsonBody, mergeHeaders, retryAfterMs } from './http.js';
import { textLength, truncate } from './truncate.js';
import { TransientError } from '../core/errors.js';

// An event may be 65,536 bytes of JSON (spec "Size limits"). Both `body` and `formatted_body`
// carry the text, and escaping grows `&` fivefold: 8,000 UTF-16 units of text keep the event well
// under the limit (8,000 × 3 bytes plain + 8,000 × 5 escaped, plus the envelope).
export const MATRIX_TEXT_LIMIT = 8000;
const TITLE_LIMIT = 1000;

const MatrixConfig = {
  homeserver: z.string({ message: "matrix sink requires 'homeserver' (e.g. https://matrix.org)" }).check(z.regex(/^https?:\/\//i, "matrix 'homeserver' must start with http:// or https://")),
  room_id: z.string({ message: "matrix sink requires 'room_id' (e.g. !abcdef:matrix.org)" }).check(
    // Room version 12 ids have no ":server" part, so only the leading "!" is checked.
    z.regex(/^!\S+$/, "matrix 'room_id' must be a room id like !abcdef:example.org (an alias such as #ops:example.org cannot be sent to; Element shows the id under Room settings → Advanced)"),
  ),
  access_token: z.string({ message: "matrix sink requires 'access_token' (usually ${MATRIX_ACCESS_TOKEN})" }).check(z.minLength(1)),
  msgtype: z._default(z.enum(['m.text', 'm.notice']), 'm.text'),
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain and HTML forms of one text, cut before escaping so no entity or tag is split. */
export function matrixContent(title: string, body: string, msgtype: string): Record<string, string> {
  const cutTitle = truncate(title.replace(/\s*\n\s*/g, ' '), TITLE_LIMIT, 'utf16');
  const cutBody = body ? truncate(body, MATRIX_TEXT_LIMIT - textLength(cutTitle, 'utf16') - 2, 'utf16') : '';
  const html = `<strong>${escapeHtml(cutTitle)}</strong>${cutBody ? `<br>${escapeHtml(cutBody).replace(/\r?\n/g, '<br>')}` : ''}`;
  return {
    msgtype,
    body: cutBody ? `${cutTitle}\n\n${cutBody}` : cutTitle,
    format: 'org.matrix.custom.html',
    formatted_body: html,
  };
}

/** Same sink and event → same id: the homeserver drops a repeat of a transaction it has seen. */
export function matrixTxnId(sinkId: string, eventId: string): string {
  return `herald-${createHash('sha256').update(`${sinkId}\n${eventId}`).digest('hex').slice(0, 32)}`;
}

const sendPath = (roomId: string, txnId: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txnId}`;

export const matrix = defineSink({
  kind: 'matrix',
  config: MatrixConfig,
  secretKeys: ['access_token'],
  defaultTimeoutS: 10,
  // Synapse's default rc_message: 0.2 messages/s with bursts of 10; a backlog goes out as a digest.
  limits: { perWindow: 5, windowMs: 10_000 },
  rateKey: (cfg) => `${cfg.homeserver}|${cfg.access_token}`,
  destination: (cfg) => `${cfg.homeserver} ${cfg.room_id}`,
  render(event, cfg) {
    const url = `${cfg.homeserver.replace(/\/+$/, '')}${sendPath(cfg.room_id, matrixTxnId(cfg.id, event.event_id))}`;
    return { target: `PUT ${url}`, body: matrixContent(event.title, event.body, cfg.msgtype), meta: { url } };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const url = message.meta!.url as string;
    const response = await ctx.http.send({
      method: 'PUT',
      url,
      headers: mergeHeaders({ 'content-type': 'application/json' }, { authorization: `Bearer ${cfg.access_token}` }),
      body: JSON.stringify(message.body),
      timeoutMs: ctx.timeoutMs,
    });
    const answer = jsonBody(response);
    const detail = typeof answer?.errcode === 'string' ? `${answer.errcode}: ${String(answer.error ?? '')}` : response.text;
    if (response.status === 429 || answer?.errcode === 'M_LIMIT_EXCEEDED') {
      // retry_after_ms in the body (older servers) or Retry-After (spec v1.10 on).
      const fromBody = Number(answer?.retry_after_ms);
      const wait = Number.isFinite(fromBody) && fromBody >= 0 ? fromBody : retryAfterMs(headerValue(response, 'retry-after'), ctx.nowMs());
      throw new TransientError(`http ${response.status} from ${url}: ${detail}`, wait);
    }
    // 401 M_UNKNOWN_TOKEN, 403 M_FORBIDDEN (not in the room), 404, 413 M_TOO_LARGE: permanent.
    classifyHttpResponse({ ...response, text: detail }, url, ctx.nowMs());
    return { response: typeof answer?.event_id === 'string' ? answer.event_id : response.text.slice(0, 200) };
  },
});
