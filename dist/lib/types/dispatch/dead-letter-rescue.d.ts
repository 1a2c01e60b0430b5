import type { Logger } from '../core/context.js';
import type { DeadLetter, DedupPolicy } from '../state/store.js';
export type RescueDeadLetter = (letter: DeadLetter, cause: Error) => Promise<boolean>;
export declare function deadLetterRescue(options: {
    dirs: readonly string[];
    privateDir?: string;
    policy: DedupPolicy;
    log: Logger;
}): RescueDeadLetter;
