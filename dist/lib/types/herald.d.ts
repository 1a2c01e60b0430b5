import { type RuntimeContext } from './core/context.js';
import { type LoadedConfig } from './core/config-load.js';
import { type EventInput, type NotificationEvent } from './core/event.js';
import { SinkRegistry } from './sinks/registry.js';
import { type HttpClient } from './sinks/http.js';
import { type StateChoice } from './state/open.js';
import type { StateStore } from './state/store.js';
import { Dispatcher, type DispatchOptions } from './dispatch/dispatcher.js';
import type { Outcome } from './dispatch/outcome.js';
export interface HeraldOptions {
    /** Path to the config; otherwise discovered as DESIGN says. */
    config?: string;
    /** Config text to use instead of a file (library use). */
    cwd?: string;
    env?: Record<string, string | undefined>;
    state?: StateChoice;
    /** Extra CA bundle for HTTPS (--tls-ca-bundle). */
    caBundle?: string;
    /** Fall back to the embedded default config when none is found. */
    allowDefault?: boolean;
    /** Report unset ${VAR}s instead of failing (validate, list). */
    tolerateMissing?: boolean;
    context?: Partial<RuntimeContext>;
    registry?: SinkRegistry;
}
export interface Herald {
    config: LoadedConfig;
    store: StateStore;
    dispatcher: Dispatcher;
    ctx: RuntimeContext;
    http: HttpClient;
    /** Builds events from inputs (filling title, severity and a stable id) and delivers them. */
    send(events: readonly (NotificationEvent | EventInput)[], options?: DispatchOptions): Promise<Outcome[]>;
    close(): Promise<void>;
}
export declare function createHerald(options?: HeraldOptions): Promise<Herald>;
