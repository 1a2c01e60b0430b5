// Talking to Redis: connecting, the URL as it may be shown (never the password), the error for a
// server that cannot be reached, which errors are connection errors, and ioredis's class from its module.
import type { Redis as RedisClient, RedisOptions } from 'ioredis';
import type { Logger } from '../core/context.js';
import { ConfigError } from '../core/errors.js';
import { loadIoredis } from '../lazy/packages.js';

/** A connected client (bounded by `connectTimeout`), or StateUnavailableError. */
export async function connectRedis(url: string, connectTimeout: number, log: Logger): Promise<RedisClient> {
  const Redis = redisConstructor(await loadIoredis());
  const redisOptions: RedisOptions = {
    lazyConnect: true,
    connectTimeout,
    // A command fails after one reconnect attempt instead of queueing forever; writes that
    // must survive a restart retry on their own (RedisStore.withRetry).
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 1000),
    enableReadyCheck: true,
  };
  const redis = new Redis(url, redisOptions);
  let lastError = '';
  // Without a listener ioredis prints every connection error itself.
  redis.on('error', (error: Error) => {
    lastError = error.message;
    log.debug(`redis: ${error.message}`);
  });
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${connectTimeout} ms`)), connectTimeout + 500).unref()),
    ]);
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new StateUnavailableError(url, scrub((error as Error).message || lastError, url));
  }
  return redis;
}

/** The URL with its password removed: what may appear in messages and `state show`. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'redis (unparseable URL)';
  }
}

/** Redis could not be reached: exit 2 with what to do, naming the host but never the password. */
export class StateUnavailableError extends ConfigError {
  constructor(url: string, cause: string) {
    super(`state backend redis at ${describeRedisUrl(url)} is unreachable (${cause})`, {
      keyPath: 'notifications.state.url',
      fix: 'start Redis or fix state.url / HERALD_STATE_URL / --state; or set state.on_unavailable: dir to fall back to the local state directory',
    });
    this.name = 'StateUnavailableError';
  }
}

/**
 * ioredis is CommonJS whose module.exports is the class itself: Node's ESM loader exposes it as
 * `.Redis`, while the ncc (webpack) bundle's namespace object may only carry it as `default`.
 */
export function redisConstructor(mod: unknown): typeof import('ioredis').Redis {
  const m = mod as Record<string, unknown> & { default?: Record<string, unknown> };
  for (const candidate of [m.Redis, m.default?.Redis, m.default, mod]) {
    if (typeof candidate === 'function' && typeof (candidate as { prototype?: { connect?: unknown } }).prototype?.connect === 'function') {
      return candidate as typeof import('ioredis').Redis;
    }
  }
  throw new Error('ioredis: no Redis client class in the module');
}

export function isConnectionError(error: unknown): boolean {
  const message = (error as Error)?.message ?? '';
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection is closed|max retries per request|LOADING|Stream isn't writeable|enableOfflineQueue/i.test(`${code} ${message}`);
}

/** An error message without the URL's password, in case a driver echoes the URL. */
export function scrub(message: string, url: string): string {
  try {
    const password = new URL(url).password;
    return password ? message.split(decodeURIComponent(password)).join('***').split(password).join('***') : message;
  } catch {
    return message;
  }
}
