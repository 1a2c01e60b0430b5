// What every HTTP sink uses to talk to its service: the exchange types, JSON and form posts, and
// Bernstein's status classification (§3.0) with Retry-After honoured. The client itself (undici,
// deadlines, proxies, bounded reads) is http-client.ts; the front doors create it, sinks get it.
import { PermanentError, TransientError } from '../core/errors.js';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface HttpOptions {
  env: Record<string, string | undefined>;
  /** --tls-ca-bundle or `http.ca_bundle`; SSL_CERT_FILE and NODE_EXTRA_CA_CERTS are read too. */
  caBundle?: string;
  proxy?: string;
  connectTimeoutMs?: number;
}

const ERROR_BODY_CHARS = 500;

/** Bernstein's classification: 2xx ok; 408, 425, 429, 5xx transient; everything else permanent. */
export function classifyHttpResponse(response: HttpResponse, url: string, nowMs: number): void {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const message = `http ${status} from ${url}: ${response.text.slice(0, ERROR_BODY_CHARS)}`;
  if (status >= 500 || status === 408 || status === 425 || status === 429) {
    throw new TransientError(message, retryAfterMs(response.headers['retry-after'], nowMs));
  }
  // A redirect is never followed (the body would go to wherever a compromised or misconfigured
  // endpoint points, and a loop would never end), so the message says what to change.
  if (status >= 300 && status < 400) throw new PermanentError(`http ${status} from ${url}: redirects are not followed; configure the URL it redirects to`);
  throw new PermanentError(message);
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Header lookup that ignores case, for merging user headers over defaults. */
export function mergeHeaders(base: Record<string, string>, overrides: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = { ...base };
  for (const [name, value] of Object.entries(overrides)) {
    for (const existing of Object.keys(merged)) {
      if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
    }
    merged[name] = value;
  }
  return merged;
}

/** POST a JSON body (compact, UTF-8, as Bernstein's httpx sends it) and return the raw response. */
export function postJson(http: HttpClient, url: string, body: unknown, timeoutMs: number, headers: Record<string, string> = {}): Promise<HttpResponse> {
  return http.send({ method: 'POST', url, headers: mergeHeaders({ 'content-type': 'application/json' }, headers), body: JSON.stringify(body), timeoutMs });
}

/** POST a form-encoded body (Pushover, Zulip) and return the raw response. */
export function postForm(http: HttpClient, url: string, fields: Record<string, string>, timeoutMs: number, headers: Record<string, string> = {}): Promise<HttpResponse> {
  return http.send({ method: 'POST', url, headers: mergeHeaders({ 'content-type': 'application/x-www-form-urlencoded' }, headers), body: new URLSearchParams(fields).toString(), timeoutMs });
}

/**
 * HTTP Basic credentials (base64 of `user:secret`). A service that echoes its request would show
 * them in a form no redaction of the secret itself finds: a sink that sends them declares them
 * as `derivedSecrets`.
 */
export function basicCredential(user: string | undefined, secret: string | undefined): string {
  return Buffer.from(`${user}:${secret}`).toString('base64');
}

/** A response header as one string (undici gives arrays for repeated headers). */
export function headerValue(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The body as JSON, or undefined when it is not JSON (services answer HTML from proxies). */
export function jsonBody(response: HttpResponse): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(response.text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
