// Generic JSON webhook: the event payload (Bernstein's to_payload) POSTed to `url` (§3.5).
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { pythonPayload } from '../core/event.js';
import { compactJson } from '../core/python-json.js';
import { classifyHttpResponse, mergeHeaders } from './http.js';

export const webhook = defineSink({
  kind: 'webhook',
  config: {
    url: z.string().check(z.url({ message: "webhook sink requires 'url' (an http:// or https:// URL)" }), z.regex(/^https?:\/\//i, "webhook 'url' must start with http:// or https://")),
    headers: z._default(z.record(z.string(), z.pipe(z.union([z.string(), z.number(), z.boolean()]), z.transform(String))), {}),
    method: z._default(z.enum(['POST', 'PUT', 'PATCH']), 'POST'),
  },
  secretKeys: ['url', 'headers'],
  defaultTimeoutS: 10,
  destination: (cfg) => `${cfg.method} ${cfg.url}`,
  render(event, cfg) {
    return {
      target: `${cfg.method} ${cfg.url}`,
      body: pythonPayload(event),
      meta: { headers: mergeHeaders({ 'content-type': 'application/json' }, cfg.headers) },
    };
  },
  async deliver(message, cfg, ctx) {
    const response = await ctx.http.send({
      method: cfg.method,
      url: cfg.url,
      headers: message.meta!.headers as Record<string, string>,
      body: compactJson(message.body),
      timeoutMs: ctx.timeoutMs,
    });
    classifyHttpResponse(response, cfg.url, ctx.nowMs());
    return { response: response.text.slice(0, 200) };
  },
});
