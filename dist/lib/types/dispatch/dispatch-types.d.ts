import type { RuntimeContext } from '../core/context.js';
import type { LoadedConfig, SinkEntry } from '../config/load.js';
import type { HttpClient } from '../sinks/http.js';
import type { DeadLetter, StateStore } from '../state/store.js';
import type { AuditLog } from './audit.js';
import type { RescueDeadLetter } from './dead-letter-rescue.js';
import type { Outcome } from './outcome.js';
export interface DispatchOptions {
    /** Limit the run to these sink ids (--sink). */
    sinkIds?: readonly string[];
    /** Deliver even when the sink's filters exclude the event (`herald test`). */
    ignoreFilters?: boolean;
    /** Write failures to the dead-letter queue (default true). */
    deadLetter?: boolean;
    /**
     * Stop a sink's queue at its first failure that was not dead-lettered: the events after it are
     * not attempted (watch --fail-fast, where the cursor stops before the failure anyway).
     */
    stopAtFailure?: boolean;
    /**
     * Dead letters sent again (`herald dlq replay`): only the sink's own dedup record counts, not a
     * sinkless Bernstein line, which Bernstein wrote before delivering (reference §4.1).
     */
    redeliver?: boolean;
    /** Called as each outcome is decided, for streaming output. */
    onOutcome?: (outcome: Outcome) => void;
}
export interface DispatcherDeps {
    config: LoadedConfig;
    store: StateStore;
    http: HttpClient;
    ctx: RuntimeContext;
    audit?: AuditLog;
    /** Where a dead letter goes when the store cannot take it. */
    rescueDeadLetter?: RescueDeadLetter;
    /** A sink's own dead-letter store, when it has one (the profile webhook's spool). */
    deadLettersFor?: (sink: SinkEntry) => SinkDeadLetters | undefined;
}
/** Where a sink's failed events are kept instead of the state store's queue. */
export interface SinkDeadLetters {
    add(letter: DeadLetter): Promise<void>;
}
