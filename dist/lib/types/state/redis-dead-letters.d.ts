import type { Redis as RedisClient } from 'ioredis';
import type { Logger } from '../core/context.js';
import type { DeadLetter } from './store.js';
type Retry = <T>(what: string, op: () => Promise<T>) => Promise<T>;
export declare class RedisDeadLetters {
    private readonly redis;
    private readonly key;
    private readonly withRetry;
    private readonly log;
    constructor(redis: RedisClient, key: (name: string) => string, withRetry: Retry, log: Logger);
    add(letter: DeadLetter): Promise<void>;
    list(): Promise<DeadLetter[]>;
    remove(ids: readonly string[]): Promise<number>;
}
export {};
