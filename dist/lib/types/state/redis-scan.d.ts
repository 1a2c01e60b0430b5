import type { Redis as RedisClient } from 'ioredis';
import type { MessageRefRecord } from './message-refs.js';
import type { DedupEntry } from './store.js';
/** Every delivered (sink, event) record under `marker`; claims in flight are not state worth moving. */
export declare function scanDedupEntries(redis: RedisClient, marker: string): Promise<DedupEntry[]>;
/** Every living-message reference under `marker`. */
export declare function scanMessageRefs(redis: RedisClient, marker: string): Promise<MessageRefRecord[]>;
export declare function parseRecord<T>(text: string): T | undefined;
