// Loopback servers that misbehave on purpose, for whole commands: a 500 with an endless body, a
// body trickled a byte at a time, a server that never answers, a redirect to itself forever.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type HostileKind = 'huge-body' | 'trickle' | 'never-answers' | 'endless-redirects';
export const HOSTILE_KINDS: readonly HostileKind[] = ['huge-body', 'trickle', 'never-answers', 'endless-redirects'];

export interface HostileServer {
  url: string;
  requests: () => number;
  /** Bytes of body the server managed to hand over, all requests together. */
  sentBytes: () => number;
  close(): Promise<void>;
}

const HUGE_BYTES = 1024 * 1024 * 1024;

export async function startHostile(kind: HostileKind): Promise<HostileServer> {
  let requests = 0;
  let sent = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      res.on('error', () => undefined);
      if (kind === 'never-answers') return;
      if (kind === 'endless-redirects') {
        res.writeHead(302, { location: req.url ?? '/' });
        return void res.end();
      }
      if (kind === 'trickle') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        const timer = setInterval(() => {
          if (res.destroyed) return void clearInterval(timer);
          sent++;
          res.write('x');
        }, 500);
        timers.add(timer);
        return;
      }
      // huge-body: a 500 followed by up to 1 GB, written only as fast as the client reads it.
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && sent < HUGE_BYTES * requests) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    sentBytes: () => sent,
    close: () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
