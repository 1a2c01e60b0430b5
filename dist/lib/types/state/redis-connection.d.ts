import type { Redis as RedisClient } from 'ioredis';
import type { Logger } from '../core/context.js';
import { ConfigError } from '../core/errors.js';
/** A connected client (bounded by `connectTimeout`), or StateUnavailableError. */
export declare function connectRedis(url: string, connectTimeout: number, log: Logger): Promise<RedisClient>;
/** The URL with its password removed: what may appear in messages and `state show`. */
export declare function describeRedisUrl(url: string): string;
/** Redis could not be reached: exit 2 with what to do, naming the host but never the password. */
export declare class StateUnavailableError extends ConfigError {
    constructor(url: string, cause: string);
}
/**
 * ioredis is CommonJS whose module.exports is the class itself: Node's ESM loader exposes it as
 * `.Redis`, while the ncc (webpack) bundle's namespace object may only carry it as `default`.
 */
export declare function redisConstructor(mod: unknown): typeof import('ioredis').Redis;
export declare function isConnectionError(error: unknown): boolean;
/** An error message without the URL's password, in case a driver echoes the URL. */
export declare function scrub(message: string, url: string): string;
