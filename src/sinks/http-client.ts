// The one HTTP client for every HTTP sink and the USR profile webhook: a keep-alive undici
// dispatcher, one deadline per exchange, a bounded read of every answer, HTTPS_PROXY/NO_PROXY and
// extra CA bundles (ca-bundles.ts). undici is loaded on first use so commands that send nothing
// never pay for it.
import { EventEmitter } from 'node:events';
import type { Dispatcher } from 'undici';
import { PermanentError, TransientError } from '../core/errors.js';
import { loadUndici } from '../lazy/packages.js';
import { USER_AGENT } from '../core/version.js';
import { extraCertificates } from './ca-bundles.js';
import type { HttpClient, HttpOptions, HttpResponse } from './http.js';
import { proxyFor } from './proxy-route.js';

// What Herald reads of any answer: enough for an outcome message or Retry-After JSON (Discord's
// retry_after, Telegram's parameters.retry_after). A longer body is read on, unkept, up to
// DRAIN_BYTES so the connection can serve the next request; past that the connection is dropped,
// so an endpoint answering a gigabyte costs neither memory nor time.
export const RESPONSE_TEXT_BYTES = 8 * 1024;
const DRAIN_BYTES = 64 * 1024;

export function createHttpClient(options: HttpOptions): HttpClient {
  // One dispatcher per client, created by the first send; the promise is kept so that sinks
  // sending at once share it rather than each build an Agent (and a pool of connections).
  let loaded: Promise<{ dispatcher: Dispatcher; undici: Awaited<ReturnType<typeof loadUndici>> }> | undefined;
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
