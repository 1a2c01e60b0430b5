// The one HTTP layer for every HTTP sink and the USR profile webhook: a keep-alive undici
// dispatcher, one deadline per exchange, a bounded read of every answer, HTTPS_PROXY/NO_PROXY, an
// extra CA bundle, and Bernstein's status classification (§3.0) with Retry-After honoured.
// undici is loaded on first use so commands that send nothing never pay for it.
import { EventEmitter } from 'node:events';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import type { Dispatcher } from 'undici';
import { ConfigError, PermanentError, TransientError } from '../core/errors.js';
import { loadUndici } from '../lazy/packages.js';
import { USER_AGENT } from '../core/version.js';
import { proxyFor } from './proxy-route.js';

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
// What Herald reads of any answer: enough for an outcome message or Retry-After JSON (Discord's
// retry_after, Telegram's parameters.retry_after). A longer body is read on, unkept, up to
// DRAIN_BYTES so the connection can serve the next request; past that the connection is dropped,
// so an endpoint answering a gigabyte costs neither memory nor time.
export const RESPONSE_TEXT_BYTES = 8 * 1024;
const DRAIN_BYTES = 64 * 1024;

export function createHttpClient(options: HttpOptions): HttpClient {
  // One dispatcher per client, created by the first send; the promise is kept so that sinks
  // sending at once share it rather than each build an Agent (and a pool of connections).
  let loaded: Promise<{ dispatcher: Dispatcher; undici: typeof import('undici') }> | undefined;
  // Exchanges given up at their deadline that undici has not let go of yet (a request still
  // waiting for its connection notices the abort only once connected).
  let abandoned = 0;
  const env = options.env;
  const explicitProxy = options.proxy;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;

  const load = () => (loaded ??= createDispatcher());
  const createDispatcher = async () => {
    let dispatcher: Dispatcher;
    const undici = await loadUndici();
    const ca = extraCertificates(options);
    const { rootCertificates } = await import('node:tls');
    const connect = { timeout: connectTimeoutMs, ...(ca ? { ca: [...rootCertificates, ...ca] } : {}) };
    const common = { connect, keepAliveTimeout: 30_000, connections: 16 };
    const Pool = undici.Pool;
    // The CONNECT to a proxy is a request of its own, by default allowed 300 s for an answer.
    const tunnel = { clientFactory: (origin: URL, opts: object) => new Pool(origin, { ...opts, headersTimeout: connectTimeoutMs }) };
    if (options.proxy) {
      dispatcher = new undici.ProxyAgent({ uri: options.proxy, ...common, ...tunnel, requestTls: connect, proxyTls: connect });
    } else if (env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy) {
      dispatcher = new undici.EnvHttpProxyAgent({
        ...common,
        ...tunnel,
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
      const { dispatcher: d } = await load();
      // One deadline for the whole exchange (connect, proxy tunnel, headers, body): undici's own
      // timeouts bound each wait on its own, so a server trickling a byte every half second, or
      // a proxy slow to answer CONNECT, would never trip them. Callbacks, not a race of promises:
      // this is the per-delivery hot path.
      return new Promise<HttpResponse>((resolve, reject) => {
        const deadline = new Deadline();
        let settled = false;
        const timer = setTimeout(() => {
          settled = true;
          // A request still waiting for its connection notices the abort only once connected;
          // the send ends now all the same.
          abandoned++;
          deadline.expire(() => abandoned--);
          reject(new TransientError(`http timeout for ${request.url}: no complete answer within ${request.timeoutMs} ms`));
        }, request.timeoutMs);
        const fail = (error: Error) => {
          deadline.release();
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(networkError(error, request.url, proxyFor(url, explicitProxy, env)));
        };
        const options: Dispatcher.RequestOptions = {
          origin: url.origin,
          path: url.pathname + url.search,
          method: request.method as Dispatcher.HttpMethod,
          headers: withUserAgent(request.headers),
          body: request.body,
          headersTimeout: request.timeoutMs,
          bodyTimeout: request.timeoutMs,
          signal: deadline,
        };
        d.request(options, (error, data) => {
          if (error) return fail(error);
          readPrefix(data.body, data.headers['content-length'], (readError, text) => {
            if (readError) return fail(readError);
            deadline.release();
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve({ status: data.statusCode, headers: data.headers, text: text! });
          });
        });
      });
    },
    async close() {
      // An exchange given up at its deadline must not hold the process: drop its connection.
      const opened = loaded;
      loaded = undefined;
      const dispatcher = opened && (await opened.catch(() => undefined))?.dispatcher;
      await (abandoned ? dispatcher?.destroy() : dispatcher?.close())?.catch(() => undefined);
    },
  };
}

/**
 * The deadline as the signal undici listens to. undici takes an EventEmitter as well as an
 * AbortSignal, and an AbortController with its listener costs some 9 µs per request, a tenth
 * of a loopback delivery.
 */
class Deadline extends EventEmitter {
  aborted = false;
  reason: Error | undefined;
  private onRelease: (() => void) | undefined;

  /** Aborts the exchange; `onRelease` runs once undici has let go of it. */
  expire(onRelease: () => void): void {
    this.aborted = true;
    this.onRelease = onRelease;
    this.reason = new Error('deadline passed');
    this.reason.name = 'TimeoutError';
    this.emit('abort');
  }

  release(): void {
    this.onRelease?.();
    this.onRelease = undefined;
  }
}

/** Every request says it is Herald, unless the sink set its own User-Agent (the profile webhook). */
function withUserAgent(headers: Record<string, string>): Record<string, string> {
  if ('user-agent' in headers) return headers;
  for (const name in headers) if (name.length === 10 && name.toLowerCase() === 'user-agent') return headers;
  return { ...headers, 'user-agent': USER_AGENT };
}

/** Keeps the first RESPONSE_TEXT_BYTES of a body and reads on to DRAIN_BYTES at most. */
function readPrefix(body: Dispatcher.ResponseData['body'], contentLength: string | string[] | undefined, done: (error: Error | null, text?: string) => void): void {
  if (typeof contentLength === 'string' && Number(contentLength) <= RESPONSE_TEXT_BYTES) {
    body.text().then((text) => done(null, text), done);
    return;
  }
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let readBytes = 0;
  let finished = false;
  const finish = (error: Error | null) => {
    if (finished) return;
    finished = true;
    done(error, error ? undefined : Buffer.concat(kept).toString('utf8'));
  };
  body.on('data', (chunk: Buffer) => {
    readBytes += chunk.length;
    if (keptBytes < RESPONSE_TEXT_BYTES) {
      const part = chunk.subarray(0, RESPONSE_TEXT_BYTES - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
    if (readBytes > DRAIN_BYTES) {
      finish(null);
      body.destroy(); // drops the connection rather than read a body of any size
    }
  });
  body.on('end', () => finish(null));
  body.on('error', (error) => finish(error));
  // An Error captures a stack: made only when the body really closed early, not after every 'end'.
  body.on('close', () => finished || finish(new Error('response body closed before its end')));
}

/**
 * Reads the CA bundles now, so a missing or unreadable one (a typo in --tls-ca-bundle, a folder)
 * stops the run as a ConfigError instead of dead-lettering every HTTPS delivery.
 */
export function checkCaBundles(options: Pick<HttpOptions, 'caBundle' | 'env'>): void {
  // Whether each bundle can be read, without reading it: SSL_CERT_FILE is often the system's
  // whole trust store, and every start (a dry run too) would otherwise read it for nothing.
  for (const path of caBundlePaths(options)) {
    try {
      if (statSync(path).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      accessSync(path, constants.R_OK);
    } catch (error) {
      throw caBundleError(path, error);
    }
  }
}

function caBundlePaths(options: Pick<HttpOptions, 'caBundle' | 'env'>): string[] {
  return [options.caBundle, options.env.SSL_CERT_FILE, options.env.NODE_EXTRA_CA_CERTS].filter(Boolean) as string[];
}

function extraCertificates(options: HttpOptions): string[] | undefined {
  const paths = caBundlePaths(options);
  if (!paths.length) return undefined;
  return paths.map((path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw caBundleError(path, error);
    }
  });
}

function caBundleError(path: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ConfigError(`cannot read CA bundle ${path} (${code === 'EISDIR' ? 'it is a folder' : code === 'ENOENT' ? 'not found' : code})`, {
    fix: 'check --tls-ca-bundle, SSL_CERT_FILE or NODE_EXTRA_CA_CERTS',
  });
}

function networkError(error: unknown, url: string, proxy?: string): TransientError | PermanentError {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new TransientError(`http timeout for ${url}: no answer in time`);
  const code = String(e.code ?? e.cause?.code ?? '');
  const message = e.cause?.message ?? e.message ?? String(error);
  if (/TIMEOUT/i.test(code)) return new TransientError(`http timeout for ${url}: ${message}`);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    // A certificate problem does not fix itself between attempts.
    return new PermanentError(`tls error for ${url}: ${message} (trust roots: --tls-ca-bundle, SSL_CERT_FILE or NODE_EXTRA_CA_CERTS)`);
  }
  // Through a proxy, a refused connection or a failed CONNECT is the proxy's, not the service's.
  const via = proxy ? ` through proxy ${proxy} (check http.proxy, HTTPS_PROXY/HTTP_PROXY or NO_PROXY)` : '';
  return new TransientError(`http error for ${url}${via}: ${code ? `${code} ` : ''}${message}`);
}

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
