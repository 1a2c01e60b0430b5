import { type RuntimeContext } from './core/context.js';
import { type LoadedConfig } from './config/load.js';
import { SinkRegistry } from './sinks/registry.js';
import { type StateChoice } from './state/choice.js';
import { ConfigError } from './core/errors.js';
import { type AuditKeySource } from './dispatch/audit-key.js';
export interface HeraldOptions {
    /** Path to the config; otherwise discovered as DESIGN says. */
    config?: string;
    /** Config text to use instead of a file (library use); relative paths resolve against `cwd`. */
    configText?: string;
    /** Sinks added after the config's and checked like them (`watch` adds the profile webhook). */
    sinks?: Record<string, unknown>[];
    /**
     * The least dedup window and size to keep, whatever the config says: `watch` keeps USR events
     * (ids are line hashes) for 30 days, so a re-read log never repeats a notification.
     */
    minDedup?: {
        windowSeconds: number;
        lruSize: number;
    };
    /** Working folder: config discovery, the default state folder, relative paths. */
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
/**
 * The one judgement of whether a config can run: what `createHerald` would refuse (every ${VAR} a
 * sink or the state backend needs, sink checks, plugins, the state choice), without opening
 * anything. `validate` asks it; `send`, `exec`, `watch` and the action meet it in createHerald.
 */
export declare function usabilityProblem(options?: HeraldOptions): Promise<ConfigError | undefined>;
/** A config as a Herald would run it, and the context it was judged in. */
export interface OpenedConfig {
    config: LoadedConfig;
    ctx: RuntimeContext;
}
/**
 * The config judged as createHerald judges it (warnings printed, its secrets known to the
 * redactor, plugins instantiated, CA bundles and an existing audit key checked) with nothing
 * opened: no state store, HTTP client or dispatcher. `validate` and `list` need no more.
 */
export declare function openConfig(options?: HeraldOptions): Promise<OpenedConfig>;
export declare function judgeConfig(options: HeraldOptions): Promise<OpenedConfig & {
    auditKey: AuditKeySource | undefined;
}>;
