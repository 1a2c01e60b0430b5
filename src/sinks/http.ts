// The one HTTP layer for every HTTP sink: a keep-alive undici dispatcher, connect/read timeouts,
// HTTPS_PROXY/NO_PROXY, an extra CA bundle, and Bernstein's status classification (§3.0) with
// Retry-After honoured. undici is loaded on first use so commands that send nothing never pay for it.
import { readFileSync } from 'node:fs';
import type { Dispatcher } from 'undici';
import { ConfigError, PermanentError, TransientError } from '../core/errors.js';
import { loadUndici } from '../lazy/packages.js';

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

export function createHttpClient(options: HttpOptions): HttpClient {
  let dispatcher: Dispatcher | undefined;
  let undici: typeof import('undici') | undefined;
  const env = options.env;
  const proxied = Boolean(options.proxy || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);

  const load = async () => {
    if (dispatcher && undici) return { dispatcher, undici };
    undici = await loadUndici();
    const ca = extraCertificates(options);
    const { rootCertificates } = await import('node:tls');
    const connect = { timeout: options.connectTimeoutMs ?? 10_000, ...(ca ? { ca: [...rootCertificates, ...ca] } : {}) };
    const common = { connect, keepAliveTimeout: 30_000, connections: 16 };
    if (options.proxy) {
      dispatcher = new undici.ProxyAgent({ uri: options.proxy, ...common, requestTls: connect, proxyTls: connect });
    } else if (env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy) {
      dispatcher = new undici.EnvHttpProxyAgent({
        ...common,
        httpProxy: env.HTTP_PROXY ?? env.http_proxy,
        httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy,
        noProxy: env.NO_PROXY ?? env.no_proxy,
        requestTls: connect,
        proxyTls: connect,
      } as ConstructorParameters<typeof undici.EnvHttpProxyAgent>[0]);
    } else {
      dispatcher = new undici.Agent(common);
    }
    return { dispatcher, undici };
  };

  return {
    async send(request) {
      let url: URL;
      try {
        url = new URL(request.url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
      } catch {
        throw new PermanentError(`invalid URL (expected http:// or https://): ${request.url}`);
      }
      const { dispatcher: d, undici: u } = await load();
      try {
        const response = await u.request(url, {
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
          dispatcher: d,
          headersTimeout: request.timeoutMs,
          bodyTimeout: request.timeoutMs,
          // Through a proxy, a deadline for the whole exchange too: a proxy that never answers
          // CONNECT must not hold a job. (Direct connections are bounded by the connect, headers
          // and body timeouts; a timer per request would cost more than the rest of the pipeline.)
          ...(proxied ? { signal: AbortSignal.timeout(request.timeoutMs * 2 + (options.connectTimeoutMs ?? 10_000)) } : {}),
        });
        const text = await response.body.text();
        return { status: response.statusCode, headers: response.headers, text };
      } catch (error) {
        throw networkError(error, request.url);
      }
    },
    async close() {
      await dispatcher?.close().catch(() => undefined);
      dispatcher = undefined;
    },
  };
}

function extraCertificates(options: HttpOptions): string[] | undefined {
  const paths = [options.caBundle, options.env.SSL_CERT_FILE, options.env.NODE_EXTRA_CA_CERTS].filter(Boolean) as string[];
  if (!paths.length) return undefined;
  return paths.map((path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read CA bundle ${path} (${(error as NodeJS.ErrnoException).code})`, {
        fix: 'check --tls-ca-bundle, SSL_CERT_FILE or NODE_EXTRA_CA_CERTS',
      });
    }
  });
}

function networkError(error: unknown, url: string): TransientError | PermanentError {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new TransientError(`http timeout for ${url}: no answer in time`);
  const code = String(e.code ?? e.cause?.code ?? '');
  const message = e.cause?.message ?? e.message ?? String(error);
  if (/TIMEOUT/i.test(code)) return new TransientError(`http timeout for ${url}: ${message}`);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    // A certificate problem does not fix itself between attempts.
    return new PermanentError(`tls error for ${url}: ${message} (trust roots: --tls-ca-bundle or SSL_CERT_FILE)`);
  }
  return new TransientError(`http error for ${url}: ${code ? `${code} ` : ''}${message}`);
}

/** Bernstein's classification: 2xx ok; 408, 425, 429, 5xx transient; everything else permanent. */
export function classifyHttpResponse(response: HttpResponse, url: string, nowMs: number): void {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const message = `http ${status} from ${url}: ${response.text.slice(0, ERROR_BODY_CHARS)}`;
  if (status >= 500 || status === 408 || status === 425 || status === 429) {
    throw new TransientError(message, retryAfterMs(response.headers['retry-after'], nowMs));
  }
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
