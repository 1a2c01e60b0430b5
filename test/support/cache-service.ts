// A loopback double of the GitHub Actions cache service v2, enough for the real @actions/cache
// client: the three Twirp calls under /twirp/github.actions.results.api.v1.CacheService/, the
// signed blob URL (Azure Put Blob, or Put Block + Put Block List) under an Azurite-style
// /devstoreaccount1/ path, a plain GET for the download, and the REST listing
// GET /repos/{owner}/{repo}/actions/caches that Herald uses to merge parallel jobs.
// In memory; faults are scripted per Twirp method (a status such as 429, or a refusal).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CacheEntry {
  key: string;
  version: string;
  /** Creation order: among prefix matches the newest wins, as on GitHub. */
  seq: number;
  createdAt: string;
  blob?: Buffer;
  blocks: Map<string, Buffer>;
  finalized: boolean;
}

export type TwirpMethod = 'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL';

export interface CacheFault {
  status: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface CacheService {
  url: string;
  port: number;
  entries: CacheEntry[];
  /** Every request as "METHOD path" (query dropped), for assertions. */
  log: string[];
  listAuthorizations: string[];
  /** The next calls of `method` answer with these faults, in order. */
  fail(method: TwirpMethod, ...faults: CacheFault[]): void;
  /** Environment that points the real client at this double. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';

export function runtimeToken(scopes: string[] = ['refs/heads/main']): string {
  // The client only forwards the token; an unsigned HS256-shaped JWT with the `ac` claim the
  // real service reads is enough.
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const ac = JSON.stringify(scopes.map((Scope) => ({ Scope, Permission: 3 })));
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ac, exp: Math.floor(Date.now() / 1000) + 3600 })}.c2lnbmF0dXJl`;
}

export async function startCacheService(): Promise<CacheService> {
  const entries: CacheEntry[] = [];
  const log: string[] = [];
  const listAuthorizations: string[] = [];
  const faults = new Map<TwirpMethod, CacheFault[]>();
  let seq = 0;
  let base = '';

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const blobUrl = (entry: CacheEntry) => `${base}/devstoreaccount1/actions-cache/${entry.seq}?sig=test-signature&sv=2024-11-04`;
  const bySeq = (path: string) => entries.find((e) => path === `/devstoreaccount1/actions-cache/${e.seq}`);

  function twirp(method: TwirpMethod, body: Record<string, unknown>, res: ServerResponse): void {
    const fault = faults.get(method)?.shift();
    if (fault) return json(res, fault.status, fault.body ?? { code: 'unavailable', msg: `injected ${fault.status}` }, fault.headers);
    if (method === 'CreateCacheEntry') {
      const key = String(body.key);
      // Entries are immutable: a key that exists (or is being uploaded) cannot be reserved again.
      if (entries.some((e) => e.key === key && e.version === body.version)) return json(res, 200, { ok: false, message: `cache entry with key ${key} already exists` });
      const entry: CacheEntry = { key, version: String(body.version), seq: ++seq, createdAt: new Date(Date.now() + seq).toISOString(), blocks: new Map(), finalized: false };
      entries.push(entry);
      return json(res, 200, { ok: true, signed_upload_url: blobUrl(entry) });
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const entry = entries.find((e) => e.key === body.key && e.version === body.version && !e.finalized);
      if (!entry?.blob) return json(res, 200, { ok: false, message: 'no upload to finalize' });
      entry.finalized = true;
      return json(res, 200, { ok: true, entry_id: String(entry.seq) });
    }
    const wanted = [String(body.key), ...((body.restore_keys as string[] | undefined) ?? [])];
    const ready = entries.filter((e) => e.finalized && e.version === body.version);
    for (const [i, key] of wanted.entries()) {
      const exact = i === 0 ? ready.find((e) => e.key === key) : undefined;
      const match = exact ?? ready.filter((e) => e.key.startsWith(key)).sort((a, b) => b.seq - a.seq)[0];
      if (match) return json(res, 200, { ok: true, signed_download_url: blobUrl(match), matched_key: match.key });
    }
    return json(res, 200, { ok: false });
  }

  function blob(req: IncomingMessage, url: URL, data: Buffer, res: ServerResponse): void {
    const entry = bySeq(url.pathname);
    if (!entry) return json(res, 404, { error: 'no such blob' });
    const azureHeaders = { 'x-ms-request-id': `req-${Date.now()}`, 'x-ms-version': '2024-11-04', etag: `"0x${entry.seq}"`, 'last-modified': new Date().toUTCString() };
    if (req.method === 'GET') {
      if (!entry.blob) return json(res, 404, { error: 'not uploaded' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(entry.blob.length), ...azureHeaders });
      return void res.end(entry.blob);
    }
    const comp = url.searchParams.get('comp');
    if (comp === 'block') entry.blocks.set(url.searchParams.get('blockid') ?? '', data);
    else if (comp === 'blocklist') {
      const ids = [...data.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)</g)].map((m) => m[1]!);
      entry.blob = Buffer.concat(ids.map((id) => entry.blocks.get(id) ?? Buffer.alloc(0)));
    } else entry.blob = data; // Put Blob: the whole archive in one request
    res.writeHead(201, { 'content-length': '0', 'x-ms-request-server-encrypted': 'true', ...azureHeaders });
    res.end();
  }

  function listing(req: IncomingMessage, url: URL, res: ServerResponse): void {
    listAuthorizations.push(String(req.headers.authorization ?? ''));
    const prefix = url.searchParams.get('key') ?? '';
    const caches = entries
      .filter((e) => e.finalized && e.key.startsWith(prefix))
      .sort((a, b) => b.seq - a.seq)
      .map((e) => ({ id: e.seq, ref: 'refs/heads/main', key: e.key, version: e.version, created_at: e.createdAt, last_accessed_at: e.createdAt, size_in_bytes: e.blob?.length ?? 0 }));
    json(res, 200, { total_count: caches.length, actions_caches: caches });
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const data = Buffer.concat(chunks);
      log.push(`${req.method} ${url.pathname}`);
      if (req.method === 'POST' && url.pathname.startsWith(TWIRP)) return twirp(url.pathname.slice(TWIRP.length) as TwirpMethod, JSON.parse(data.toString('utf8') || '{}') as Record<string, unknown>, res);
      if (url.pathname.startsWith('/devstoreaccount1/')) return blob(req, url, data, res);
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/actions\/caches$/.test(url.pathname)) return listing(req, url, res);
      json(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    entries,
    log,
    listAuthorizations,
    fail(method, ...list) {
      faults.set(method, [...(faults.get(method) ?? []), ...list]);
    },
    env() {
      return {
        ACTIONS_CACHE_SERVICE_V2: 'true',
        ACTIONS_RESULTS_URL: `${base}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeToken(),
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_API_URL: base,
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
