// A real node:http server on 127.0.0.1 that answers like a webhook service would, scripted per
// request: statuses, bodies, headers (Retry-After…), delays, connection resets.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (to test timeouts and slow sinks). */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** A JSON body (sets content-type: application/json); wins over `body`. */
  json?: unknown;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  /** ms since the receiver started */
  at: number;
}

export interface Receiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Replies used in order; when they run out, `fallback` answers. */
  script(replies: ScriptedReply[]): void;
  setFallback(reply: ScriptedReply | ((req: ReceivedRequest) => ScriptedReply)): void;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(fallback: ScriptedReply | ((req: ReceivedRequest) => ScriptedReply) = { status: 200, body: 'ok' }): Promise<Receiver> {
  const started = Date.now();
  const requests: ReceivedRequest[] = [];
  let queue: ScriptedReply[] = [];
  let defaultReply = fallback;
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const record: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json, at: Date.now() - started };
      requests.push(record);
      waiters.splice(0).forEach((w) => w());
      const reply = queue.shift() ?? (typeof defaultReply === 'function' ? defaultReply(record) : defaultReply);
      const answer = () => {
        if (reply.reset) {
          req.socket.destroy();
          return;
        }
        const contentType = reply.json !== undefined ? 'application/json' : 'text/plain';
        res.writeHead(reply.status ?? 200, { 'content-type': contentType, ...(reply.headers ?? {}) });
        res.end(reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? ''));
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    script(replies) {
      queue = [...replies];
    },
    setFallback(reply) {
      defaultReply = reply;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`receiver: expected ${count} requests, got ${requests.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
