// Lists state entries through the GitHub REST API (GET /repos/{owner}/{repo}/actions/caches), so
// a job can merge the snapshots of parallel jobs and not only the newest one. Needs a token with
// `actions: read`; the cache service itself has no listing call.

export interface ListOptions {
  fetch: typeof fetch;
  apiUrl: string;
  repository: string;
  token: string;
  prefix: string;
  /** Only entries created this long before the newest one: parallel siblings, not old history. */
  siblingWindowMs: number;
  /** At most this many keys, newest first. */
  limit: number;
}

interface CacheListing {
  actions_caches?: { key: string; ref: string; created_at: string }[];
}

export async function listStateKeys(options: ListOptions): Promise<string[]> {
  const url = new URL(`${options.apiUrl}/repos/${options.repository}/actions/caches`);
  url.searchParams.set('key', options.prefix);
  url.searchParams.set('sort', 'created_at');
  url.searchParams.set('direction', 'desc');
  url.searchParams.set('per_page', '100');
  const response = await options.fetch(url, {
    headers: { authorization: `Bearer ${options.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}${response.status === 403 ? ' (the token needs actions: read)' : ''}`);
  const listing = (await response.json()) as CacheListing;
  const entries = (listing.actions_caches ?? [])
    .filter((c) => c.key.startsWith(options.prefix))
    .map((c) => ({ key: c.key, created: Date.parse(c.created_at) || 0 }))
    .sort((a, b) => b.created - a.created);
  if (!entries.length) return [];
  const newest = entries[0]!.created;
  const keys: string[] = [];
  for (const entry of entries) {
    if (newest - entry.created > options.siblingWindowMs) break;
    if (!keys.includes(entry.key)) keys.push(entry.key);
    if (keys.length >= options.limit) break;
  }
  return keys;
}
