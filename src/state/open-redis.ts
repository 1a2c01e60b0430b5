// Choosing and opening the redis backend: which URL, and what happens when Redis is down.
import type { Logger } from '../core/context.js';
import type { NotificationsBlock } from '../core/config-schema.js';
import { ConfigError } from '../core/errors.js';
import { describeRedisUrl } from './redis-connection.js';
import type { DedupPolicy, StateStore } from './store.js';

const REDIS_URL = /^rediss?:\/\//i;

/**
 * The Redis URL when the chosen backend is redis, else undefined. `--state redis://…` and
 * HERALD_STATE=redis://… name it directly; `redis` alone takes HERALD_STATE_URL, then state.url.
 */
export function redisUrlFor(backend: string, block: Pick<NotificationsBlock, 'state'>, env: Record<string, string | undefined>): string | undefined {
  if (REDIS_URL.test(backend)) return backend;
  if (backend !== 'redis') return undefined;
  const url = env.HERALD_STATE_URL || block.state.url;
  if (!url) {
    throw new ConfigError('the state backend is redis but no URL is set', {
      keyPath: 'notifications.state.url',
      fix: 'set state.url: redis://host:6379 (or rediss:// for TLS; ${VAR} for the password), HERALD_STATE_URL, or --state redis://…',
    });
  }
  if (!REDIS_URL.test(url)) {
    throw new ConfigError(`state.url must start with redis:// or rediss://, got '${describeRedisUrl(url)}'`, { keyPath: 'notifications.state.url' });
  }
  return url;
}

export async function openRedisOrFallback(
  url: string,
  block: Pick<NotificationsBlock, 'state'>,
  policy: DedupPolicy,
  log: Logger,
  openDir: () => StateStore,
): Promise<StateStore> {
  try {
    // Loaded here: a run on the local folder does not read the Redis store's code.
    const { RedisStore } = await import('./redis.js');
    return await RedisStore.open({ url, keyPrefix: block.state.key_prefix, policy, log });
  } catch (error) {
    if (block.state.on_unavailable !== 'dir') throw error;
    // The local directory keeps this job's dedup and dead letters; they are not shared with
    // other jobs until moved with `herald state export | import`.
    log.warn(`${(error as Error).message}; using the local state directory instead (state.on_unavailable: dir)`);
    return openDir();
  }
}
