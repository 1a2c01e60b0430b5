import type { Logger } from '../core/context.js';
import type { NotificationsBlock } from '../core/config-schema.js';
import { type StateChoice } from './choice.js';
import type { StateStore } from './store.js';
export { checkStateChoice, defaultStateDir, type StateChoice } from './choice.js';
export declare function openStateStore(options: {
    choice: StateChoice;
    block: Pick<NotificationsBlock, 'state' | 'dedup_window_seconds' | 'dedup_lru_size'>;
    cwd: string;
    baseDir: string;
    env: Record<string, string | undefined>;
    log: Logger;
    /** Learns the Redis URL, which is a secret (it may carry a password). */
    redactor?: {
        add(secret: string): void;
    };
}): Promise<StateStore>;
