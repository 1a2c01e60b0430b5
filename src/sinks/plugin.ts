// Plugins: a sink implemented outside Herald. Either one sink (`kind: plugin`, `module: ./x.mjs`)
// or a new kind registered by `notifications.plugins: [...]`, which can never shadow a builtin.
// A plugin that cannot be loaded is a ConfigError naming the sink: it is never silently skipped
// (reference §10.17). Loading is async, so it runs before and after the (synchronous) validation.
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from '../core/zod.js';
import { defineSink, type AnySinkDefinition, type DeliverContext, type RateLimit } from './define.js';
import { toPayload, type NotificationEvent } from '../core/event.js';
import { ConfigError, PermanentError, TransientError } from '../core/errors.js';

/** What a plugin's `create` returns. */
export interface PluginSinkInstance {
  /** `event` as the sink sees it (its labels and template applied); `rendered` is what `herald render` shows for it. */
  deliver(event: NotificationEvent, ctx: { events: NotificationEvent[]; rendered: unknown; timeoutMs: number; env: Record<string, string | undefined>; log: DeliverContext['log'] }): Promise<void | { response?: string }>;
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
  create(options: Record<string, unknown>, info: { id: string; baseDir: string; env: Record<string, string | undefined> }): PluginSinkInstance | Promise<PluginSinkInstance>;
}

const PLUGINS = new WeakMap<AnySinkDefinition, { plugin?: HeraldPlugin; keys: string[] }>();

/** `kind: plugin`: the module is named on the sink itself. */
export const pluginSink = defineSink({
  kind: 'plugin',
  config: { module: z.string({ message: "plugin sink requires 'module' (./path.mjs or a package name)" }).check(z.minLength(1)), options: z._default(z.record(z.string(), z.unknown()), {}) },
  render: (event) => ({ target: 'plugin', body: toPayload(event) }),
  deliver() {
    throw new PermanentError('plugin sink used before its module was loaded (internal error)');
  },
});
PLUGINS.set(pluginSink, { keys: [] });

export async function importPlugin(specifier: string, baseDir: string): Promise<HeraldPlugin> {
  const local = specifier.startsWith('.') || isAbsolute(specifier);
  // A package is looked up from the config's folder, where the user installed it.
  const path = local ? resolve(baseDir, specifier) : createRequire(join(baseDir, 'package.json')).resolve(specifier);
  const loaded = (await import(/* webpackIgnore: true */ pathToFileURL(path).href)) as { default?: unknown; plugin?: unknown };
  const exported = loaded.default ?? loaded.plugin;
  if (typeof exported === 'function') return { create: exported as HeraldPlugin['create'] };
  if (exported && typeof exported === 'object' && typeof (exported as HeraldPlugin).create === 'function') return exported as HeraldPlugin;
  throw new Error('the module must export a factory function or { create(options) } as its default export');
}

/** Registers the kinds listed in `notifications.plugins` (`listed`, from the parsed config) before
 *  the sinks are checked. */
export async function registerConfigPlugins(registry: { addPlugin(definition: AnySinkDefinition): void }, listed: unknown[], file: string, baseDir: string): Promise<void> {
  for (const [index, entry] of listed.entries()) {
    const spec = typeof entry === 'string' ? { module: entry } : (entry as { module?: unknown; kind?: unknown });
    if (typeof spec?.module !== 'string') continue;
    const keyPath = `notifications.plugins[${index}]`;
    let plugin: HeraldPlugin;
    try {
      plugin = await importPlugin(spec.module, baseDir);
    } catch (error) {
      throw new ConfigError(`cannot load plugin '${spec.module}': ${(error as Error).message}`, { file, keyPath, fix: 'check the path (relative to the config file) or install the package' });
    }
    const kind = typeof spec.kind === 'string' ? spec.kind : plugin.kind;
    if (!kind) throw new ConfigError(`plugin '${spec.module}' names no kind`, { file, keyPath, fix: 'export `kind` from the plugin or write { module, kind } in the list' });
    const keys = plugin.keys ?? [];
    const shape: Record<string, z.ZodMiniType> = { options: z._default(z.record(z.string(), z.unknown()), {}) };
    for (const key of keys) shape[key] = z.optional(z.unknown());
    const definition: AnySinkDefinition = { kind, config: shape, ...(plugin.limits ? { limits: plugin.limits } : {}), render: pluginSink.render, deliver: pluginSink.deliver };
    PLUGINS.set(definition, { plugin, keys });
    try {
      registry.addPlugin(definition);
    } catch (error) {
      throw new ConfigError((error as Error).message, { file, keyPath, fix: 'plugins cannot replace builtin kinds; choose another kind name' });
    }
  }
}

/** Creates each plugin sink's instance and binds it into the sink's definition. Returns secrets found. */
/** The part of a loaded config plugins need (the loader's LoadedConfig fits it). */
export interface PluginHost {
  file: string | null;
  baseDir: string;
  sinks: { config: { id: string; enabled: boolean; kind: string } & Record<string, unknown>; definition: AnySinkDefinition; index: number }[];
}

export async function instantiatePlugins(config: PluginHost, env: Record<string, string | undefined>): Promise<string[]> {
  const secrets: string[] = [];
  for (const entry of config.sinks) {
    const known = PLUGINS.get(entry.definition);
    if (!known || !entry.config.enabled) continue;
    const cfg = entry.config as typeof entry.config & { module?: string; options?: Record<string, unknown> };
    const where = { file: config.file ?? undefined, keyPath: `notifications.sinks[${entry.index}]` };
    let instance: PluginSinkInstance;
    let plugin: HeraldPlugin | undefined = known.plugin;
    try {
      plugin ??= await importPlugin(cfg.module!, config.baseDir);
      const options: Record<string, unknown> = { ...(cfg.options ?? {}) };
      for (const key of known.keys) if (cfg[key] !== undefined) options[key] = cfg[key];
      instance = await plugin.create(options, { id: cfg.id, baseDir: config.baseDir, env });
      if (!instance || typeof instance.deliver !== 'function') throw new Error('create() must return an object with deliver(event)');
      for (const key of plugin.secretKeys ?? []) if (typeof options[key] === 'string') secrets.push(options[key] as string);
    } catch (error) {
      throw new ConfigError(`plugin sink '${cfg.id}' cannot be loaded: ${(error as Error).message}`, { ...where, fix: 'check `module` (relative to the config file) and the plugin\'s options' });
    }
    entry.definition = boundDefinition(entry.definition, plugin, instance);
  }
  return secrets;
}

function boundDefinition(base: AnySinkDefinition, plugin: HeraldPlugin, instance: PluginSinkInstance): AnySinkDefinition {
  return {
    ...base,
    ...(plugin.limits ? { limits: plugin.limits } : {}),
    render: (event: NotificationEvent, cfg: { module?: string; kind: string }) => ({ target: `plugin ${cfg.module ?? cfg.kind}`, body: instance.render ? instance.render(event) : toPayload(event) }),
    async deliver(message, _cfg, ctx) {
      try {
        return (await instance.deliver(ctx.events[0]!, { events: ctx.events, rendered: message.body, timeoutMs: ctx.timeoutMs, env: ctx.env, log: ctx.log })) ?? undefined;
      } catch (error) {
        // Plugins cannot import Herald's classes; they mark errors with `permanent` / `retryAfterMs`.
        const e = error as Error & { permanent?: boolean; retryAfterMs?: number };
        if (e instanceof PermanentError || e.permanent || e.name === 'PermanentError') throw new PermanentError(e.message);
        throw new TransientError(e?.message ?? String(error), typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined);
      }
    },
    close: instance.close ? () => instance.close!() : undefined,
  };
}
