import * as z from '../core/zod.js';
import { type AnySinkDefinition, type DeliverContext, type RateLimit } from './define.js';
import { type NotificationEvent } from '../core/event.js';
/** What a plugin's `create` returns. */
export interface PluginSinkInstance {
    /** `event` as the sink sees it (its labels and template applied); `rendered` is what `herald render` shows for it. */
    deliver(event: NotificationEvent, ctx: {
        events: NotificationEvent[];
        rendered: unknown;
        timeoutMs: number;
        env: Record<string, string | undefined>;
        log: DeliverContext['log'];
    }): Promise<void | {
        response?: string;
    }>;
    close?(): Promise<void>;
    /** What `herald render` shows; defaults to the event payload. */
    render?(event: NotificationEvent): unknown;
}
/** A plugin module's default export (or a bare factory function, taken as `create`). */
export interface HeraldPlugin {
    kind?: string;
    limits?: RateLimit;
    /** Option names whose values are secrets (redacted from all output). */
    secretKeys?: string[];
    /** Extra top-level keys the kind accepts besides `options` (for `notifications.plugins` kinds). */
    keys?: string[];
    create(options: Record<string, unknown>, info: {
        id: string;
        baseDir: string;
        env: Record<string, string | undefined>;
    }): PluginSinkInstance | Promise<PluginSinkInstance>;
}
/** `kind: plugin`: the module is named on the sink itself. */
export declare const pluginSink: import("./define.js").SinkDefinition<{
    module: z.ZodMiniString<string>;
    options: z.ZodMiniDefault<z.ZodMiniRecord<z.ZodMiniString<string>, z.ZodMiniUnknown>>;
}>;
export declare function importPlugin(specifier: string, baseDir: string): Promise<HeraldPlugin>;
/** Registers the kinds listed in `notifications.plugins` (`listed`, from the parsed config) before
 *  the sinks are checked. */
export declare function registerConfigPlugins(registry: {
    addPlugin(definition: AnySinkDefinition): void;
}, listed: unknown[], file: string, baseDir: string): Promise<void>;
/** Creates each plugin sink's instance and binds it into the sink's definition. Returns secrets found. */
/** The part of a loaded config plugins need (the loader's LoadedConfig fits it). */
export interface PluginHost {
    file: string | null;
    baseDir: string;
    sinks: {
        config: {
            id: string;
            enabled: boolean;
            kind: string;
        } & Record<string, unknown>;
        definition: AnySinkDefinition;
        index: number;
    }[];
}
export declare function instantiatePlugins(config: PluginHost, env: Record<string, string | undefined>): Promise<string[]>;
