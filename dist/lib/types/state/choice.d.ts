import type { NotificationsBlock } from '../core/config-schema.js';
export interface StateChoice {
    /** --state-dir */
    stateDir?: string;
    /** --state: a backend name or a redis:// URL */
    state?: string;
}
export declare function defaultStateDir(cwd: string, env: Record<string, string | undefined>, block?: Pick<NotificationsBlock, 'state'>, baseDir?: string): string;
export declare function backendFor(choice: StateChoice, block: Pick<NotificationsBlock, 'state'>, env: Record<string, string | undefined>): string;
/** Throws the ConfigError opening the state would (a redis backend without a usable URL), connecting to nothing. */
export declare function checkStateChoice(choice: StateChoice, block: Pick<NotificationsBlock, 'state'>, env: Record<string, string | undefined>): void;
