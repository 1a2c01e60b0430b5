import type { Redis as RedisClient } from 'ioredis';
import { type AuditEntry, type AuditLine, type AuditSealer } from './store.js';
type Retry = <T>(what: string, op: () => Promise<T>) => Promise<T>;
export declare class RedisAuditChain {
    private readonly redis;
    private readonly key;
    /** Where the chain is, for messages (the URL without its password). */
    private readonly location;
    private readonly withRetry;
    /** WATCH is per connection: appends from this process's concurrent sinks go one at a time. */
    private queue;
    constructor(redis: RedisClient, key: (name: string) => string, 
    /** Where the chain is, for messages (the URL without its password). */
    location: string, withRetry: Retry);
    append(entry: AuditEntry, sealer: AuditSealer): Promise<void>;
    /** Resolves when every append asked for so far has been written (or has failed). */
    settled(): Promise<void>;
    private appendOnce;
    read(): AsyncIterable<AuditLine>;
    readHead(): Promise<{
        source: string;
        text: string;
    } | undefined>;
}
export {};
