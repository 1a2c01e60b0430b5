import type { Logger } from '../core/context.js';
import type { NotificationsBlock } from '../core/config-schema.js';
import type { StateStore } from './store.js';
export interface StateChoice {
    /** --state-dir */
    stateDir?: string;
    /** --state: a backend name or a redis:// URL */
    state?: string;
}
export declare function defaultStateDir(cwd: string, env: Record<string, string | undefined>, block?: Pick<NotificationsBlock, 'state'>, baseDir?: string): string;
/** Throws the ConfigError opening the state would (a redis backend without a usable URL), connecting to nothing. */
export declare function checkStateChoice(choice: StateChoice, block: Pick<NotificationsBlock, 'state'>, env: Record<string, string | undefined>): void;
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
