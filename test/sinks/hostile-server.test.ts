// Endpoints that misbehave on purpose (issue 12, "Endpoints that misbehave"): every exchange ends
// within its timeout, reads a bounded prefix of any answer, and follows no redirect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { classifyHttpResponse, type HttpClient } from '../../src/sinks/http.js';
import { createHttpClient, RESPONSE_TEXT_BYTES } from '../../src/sinks/http-client.js';
import { PermanentError, TransientError } from '../../src/core/errors.js';

const MB = 1024 * 1024;

interface Hostile {
  url: string;
  /** Bytes the server managed to hand to the connection, over all requests. */
  sentBytes: () => number;
  requests: () => number;
  connections: () => number;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1; `reply` writes the answer and returns its bytes as it goes. */
async function hostileHttp(reply: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, count: (n: number) => void) => void): Promise<Hostile> {
  let sent = 0;
  let requests = 0;
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createHttpServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => reply(req, res, (n) => (sent += n)));
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sentBytes: () => sent,
    requests: () => requests,
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Streams `totalBytes` of "x" without holding them, honouring back-pressure, until the client leaves. */
function streamBody(res: import('node:http').ServerResponse, totalBytes: number, count: (n: number) => void): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let left = totalBytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      count(piece.length);
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('error', () => undefined);
  pump();
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await run();
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

function client(t: { after: (fn: () => Promise<void>) => void }, options: Parameters<typeof createHttpClient>[0] = { env: {} }): HttpClient {
  const http = createHttpClient(options);
  t.after(() => http.close());
  return http;
}

test('a 500 with a 200 MB body: six sends read a few KB each, the server hands over a fraction, memory stays flat', async (t) => {
  const server = await hostileHttp((_req, res, count) => {
    res.writeHead(500, { 'content-type': 'text/plain', 'content-length': String(200 * MB) });
    streamBody(res, 200 * MB, count);
  });
  t.after(() => server.close());
  const http = client(t);
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const results = await Promise.all(
    Array.from({ length: 6 }, () => timed(() => http.send({ method: 'POST', url: `${server.url}/hook`, headers: {}, body: '{}', timeoutMs: 10_000 }))),
  );
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  for (const result of results) {
    assert.equal(result.error, undefined);
    assert.equal(result.value!.status, 500);
    assert.ok(result.value!.text.length <= RESPONSE_TEXT_BYTES, `kept ${result.value!.text.length} characters`);
    assert.throws(() => classifyHttpResponse(result.value!, 'the hook', 0), TransientError);
  }
  // What left the server is what the kernel buffers took before the connections were dropped.
  assert.ok(server.sentBytes() < 6 * 32 * MB, `the server handed over ${(server.sentBytes() / MB).toFixed(1)} MB of 1200 MB`);
  assert.ok(rssGrowth < 64 * MB, `RSS grew by ${(rssGrowth / MB).toFixed(0)} MB`);
  assert.ok(process.memoryUsage().rss < 200 * MB + rssBefore, 'RSS stays under 200 MB above where it started');
});

test('a chunked body without a length is cut the same way', async (t) => {
  const server = await hostileHttp((_req, res, count) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"ok": true, "padding": "');
    streamBody(res, 100 * MB, count);
  });
  t.after(() => server.close());
  const response = await client(t).send({ method: 'POST', url: server.url, headers: {}, body: '{}', timeoutMs: 10_000 });
  assert.equal(response.status, 200);
  assert.ok(response.text.startsWith('{"ok": true, "padding": "xxx'));
  assert.ok(response.text.length <= RESPONSE_TEXT_BYTES);
  assert.ok(server.sentBytes() < 32 * MB, `the server handed over ${(server.sentBytes() / MB).toFixed(1)} MB`);
});

test('an answer a little over the kept prefix is drained, so the connection serves the next request', async (t) => {
  const body = `{"retry_after": 1.5, "message": "${'m'.repeat(20_000)}"}`;
  const server = await hostileHttp((_req, res) => {
    res.writeHead(429, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  });
  t.after(() => server.close());
  const http = client(t);
  for (let i = 0; i < 10; i++) {
    const response = await http.send({ method: 'POST', url: server.url, headers: {}, body: '{}', timeoutMs: 5000 });
    assert.equal(response.status, 429);
    assert.equal(response.text.length, RESPONSE_TEXT_BYTES);
    assert.ok(response.text.startsWith('{"retry_after": 1.5'));
  }
  // undici opens a second connection once while the first is being released; ten sends, not ten connections.
  assert.ok(server.connections() <= 2, `${server.connections()} connections for 10 sends`);
});

test('headers, then one byte every 0.5 s: a send with a 2 s timeout fails at that deadline as a transient timeout', async (t) => {
  const server = await hostileHttp((_req, res, count) => {
    res.writeHead(500, { 'content-type': 'text/plain', 'content-length': '1000' });
    const drip = setInterval(() => {
      if (res.destroyed) return clearInterval(drip);
      res.write('x');
      count(1);
    }, 500);
    res.on('close', () => clearInterval(drip));
  });
  t.after(() => server.close());
  const result = await timed(() => client(t).send({ method: 'POST', url: server.url, headers: {}, body: '{}', timeoutMs: 2000 }));
  assert.ok(result.error instanceof TransientError, String(result.error));
  assert.match((result.error as Error).message, /timeout/);
  // The whole exchange's deadline ended it (undici's body timeout restarts with every byte), and
  // not before its time; the few bytes the server got out bound how long it went on.
  assert.match((result.error as Error).message, /no complete answer within 2000 ms/);
  assert.ok(result.ms >= 1900, `ended after ${result.ms.toFixed(0)} ms, before its timeout`);
  assert.ok(server.sentBytes() <= 6, `${server.sentBytes()} bytes trickled`);
});

test('a status line, then one header byte every 0.5 s: the same deadline holds', async (t) => {
  let headerLines = 0;
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\n');
      const drip = setInterval(() => {
        headerLines++;
        socket.write('X-Slow: y\r\n');
      }, 500);
      socket.on('close', () => clearInterval(drip));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const result = await timed(() => client(t).send({ method: 'POST', url, headers: {}, body: '{}', timeoutMs: 2000 }));
  assert.ok(result.error instanceof TransientError, String(result.error));
  assert.match((result.error as Error).message, /timeout/);
  // Cut off after a handful of header lines, not left reading them until the server gives up.
  assert.ok(headerLines <= 6, `${headerLines} header lines read`);
});

test('a server that accepts and never answers: the send fails as a transient timeout within its timeout', async (t) => {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const result = await timed(() => client(t).send({ method: 'POST', url, headers: {}, body: '{}', timeoutMs: 1000 }));
  assert.ok(result.error instanceof TransientError, String(result.error));
  assert.match((result.error as Error).message, /timeout/);
});

test('a proxy that never answers CONNECT: the send ends within its own timeout', async (t) => {
  const sockets = new Set<Socket>();
  const proxy = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => proxy.close(() => resolve()));
  });
  const http = client(t, { env: {}, proxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, connectTimeoutMs: 10_000 });
  const result = await timed(() => http.send({ method: 'POST', url: 'http://192.0.2.1/hook', headers: {}, body: '{}', timeoutMs: 1000 }));
  assert.ok(result.error instanceof TransientError, String(result.error));
  // The send's own deadline ended it: the proxy's CONNECT wait (connectTimeoutMs 10 s here, 300 s
  // by default in undici) did not.
  assert.match((result.error as Error).message, /no complete answer within 1000 ms/);
});

test('endless redirects are not followed: one request, a permanent failure that says what to change', async (t) => {
  let hops = 0;
  const server = await hostileHttp((_req, res) => {
    hops++;
    res.writeHead(302, { location: `/hop/${hops}` });
    res.end();
  });
  t.after(() => server.close());
  const response = await client(t).send({ method: 'POST', url: `${server.url}/hook`, headers: {}, body: '{}', timeoutMs: 2000 });
  assert.equal(response.status, 302);
  assert.equal(server.requests(), 1);
  assert.throws(() => classifyHttpResponse(response, 'the hook', 0), (error: unknown) => error instanceof PermanentError && /redirects are not followed/.test(error.message));
});
