import type { Logger } from '../core/context.js';
import type { NotificationsBlock } from '../core/config-schema.js';
import type { DedupPolicy, StateStore } from './store.js';
/**
 * The Redis URL when the chosen backend is redis, else undefined. `--state redis://…` and
 * HERALD_STATE=redis://… name it directly; `redis` alone takes HERALD_STATE_URL, then state.url.
 */
export declare function redisUrlFor(backend: string, block: Pick<NotificationsBlock, 'state'>, env: Record<string, string | undefined>): string | undefined;
export declare function openRedisOrFallback(url: string, block: Pick<NotificationsBlock, 'state'>, policy: DedupPolicy, log: Logger, openDir: () => StateStore): Promise<StateStore>;
