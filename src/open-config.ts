// The config a Herald runs, read and judged, with nothing opened: what `validate` and `list` need,
// and the first step of createHerald (herald.ts), which opens the state, the HTTP client and the
// dispatcher on top. Kept apart so that reading a config does not load the delivery machinery.
import { dirname } from 'node:path';
import { createRuntimeContext, type RuntimeContext } from './core/context.js';
import { loadConfig, type LoadedConfig } from './config/load.js';
import { SinkRegistry } from './sinks/registry.js';
import { checkCaBundles } from './sinks/ca-bundles.js';
import { checkStateChoice, type StateChoice } from './state/choice.js';
import { ConfigError } from './core/errors.js';
import { auditKeySource, existingAuditKey, type AuditKeySource } from './dispatch/audit-key.js';

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
  minDedup?: { windowSeconds: number; lruSize: number };
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
export async function usabilityProblem(options: HeraldOptions = {}): Promise<ConfigError | undefined> {
  const ctx = contextFor(options);
  try {
    const { config } = await loadConfigFor({ ...options, tolerateMissing: false }, ctx);
    checkStateChoice(options.state ?? {}, config.block, ctx.env);
    checkCaBundles({ env: ctx.env, caBundle: options.caBundle ?? config.block.http.ca_bundle });
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

function contextFor(options: HeraldOptions): RuntimeContext {
  return createRuntimeContext({ ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.env ? { env: options.env } : {}), ...options.context });
}

/** The config, and whether it lists plugin kinds (`notifications.plugins`). */
async function loadConfigFor(options: HeraldOptions, ctx: RuntimeContext): Promise<{ config: LoadedConfig; listsPlugins: boolean }> {
  const registry = options.registry ?? new SinkRegistry();
  let listsPlugins = false;
  // Plugin modules load asynchronously, so kinds are registered before validation and instances
  // created after it; a plugin that fails to load is a ConfigError, never a skipped sink.
  const prepare = async (root: unknown, file: string) => {
    const listed = (root as { notifications?: { plugins?: unknown } } | null)?.notifications?.plugins;
    if (!Array.isArray(listed) || !listed.length) return;
    listsPlugins = true;
    const { registerConfigPlugins } = await import('./sinks/plugin.js');
    await registerConfigPlugins(registry, listed, file, dirname(file));
  };
  const config = await loadConfig({
    prepare,
    explicitPath: options.config,
    cwd: ctx.cwd,
    env: ctx.env,
    registry,
    allowDefault: options.allowDefault,
    tolerateMissing: options.tolerateMissing,
    text: options.configText,
    extraSinks: options.sinks,
  });
  return { config, listsPlugins };
}

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
export async function openConfig(options: HeraldOptions = {}): Promise<OpenedConfig> {
  const { config, ctx } = await judgeConfig(options);
  return { config, ctx };
}

export async function judgeConfig(options: HeraldOptions): Promise<OpenedConfig & { auditKey: AuditKeySource | undefined }> {
  const ctx = contextFor(options);
  const { config, listsPlugins } = await loadConfigFor(options, ctx);
  for (const warning of config.warnings ?? []) ctx.log.warn(warning);
  if (options.minDedup) {
    config.block.dedup_window_seconds = Math.max(config.block.dedup_window_seconds, options.minDedup.windowSeconds);
    config.block.dedup_lru_size = Math.max(config.block.dedup_lru_size, options.minDedup.lruSize);
  }
  // Values from the config are secrets where they stand, short ones too (a 5-character header).
  for (const secret of config.secrets) ctx.redactor.addValue(secret);
  // Plugin code is loaded only for a config that uses it (a listed plugin kind, or kind: plugin).
  if (listsPlugins || config.sinks.some((entry) => entry.config.kind === 'plugin')) {
    const { instantiatePlugins } = await import('./sinks/plugin.js');
    ctx.redactor.addAll(await instantiatePlugins(config, ctx.env));
  }
  checkCaBundles({ env: ctx.env, caBundle: options.caBundle ?? config.block.http.ca_bundle });
  return { config, ctx, auditKey: await readAuditKey(config, ctx) };
}

/**
 * The audit key, if the config keeps an audit: inline, or read from its file and checked now, so
 * a loose key file stops the run before anything is sent; a key file that does not exist yet stays
 * a file, made when the first entry is written (a dry run or a `list` never creates one).
 */
async function readAuditKey(config: LoadedConfig, ctx: RuntimeContext): Promise<AuditKeySource | undefined> {
  const source = auditKeySource(config.block.audit, ctx.env, config.baseDir);
  if (!source) return undefined;
  const key = await existingAuditKey(source);
  if (!key) return source;
  ctx.redactor.add(key);
  return { key };
}
