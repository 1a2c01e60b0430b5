// Wires config, state, HTTP and the dispatcher together. The CLI, the action and the library
// are thin layers over this.
import { createRuntimeContext, type RuntimeContext } from './core/context.js';
import { loadConfig, type LoadedConfig, type SinkEntry } from './config/load.js';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildEvent, type EventInput, type NotificationEvent } from './core/event.js';
import { SinkRegistry } from './sinks/registry.js';
import { checkCaBundles } from './sinks/ca-bundles.js';
import { createHttpClient } from './sinks/http-client.js';
import type { HttpClient } from './sinks/http.js';
import { checkStateChoice, defaultStateDir, openStateStore, type StateChoice } from './state/open.js';
import { ConfigError } from './core/errors.js';
import { deadLetterRescue } from './dispatch/dead-letter-rescue.js';
import type { StateStore } from './state/store.js';
import { Dispatcher, type DispatchOptions, type RenderedForSink, type SinkDeadLetters } from './dispatch/dispatcher.js';
import { keepsLivingMessages } from './dispatch/threading.js';
import { writeSpoolFile } from './state/spool.js';
import type { AuditLog } from './dispatch/audit.js';
import { auditKeySource, existingAuditKey, readAuditKeyFile } from './dispatch/audit-key.js';
import type { Outcome } from './dispatch/outcome.js';

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

export interface Herald {
  config: LoadedConfig;
  store: StateStore;
  ctx: RuntimeContext;
  http: HttpClient;
  /** Builds events from inputs (filling title, severity and a stable id) and delivers them. */
  send(events: readonly (NotificationEvent | EventInput)[], options?: DispatchOptions): Promise<Outcome[]>;
  /** Delivers complete events as they are (a source built them). */
  deliver(events: readonly NotificationEvent[], options?: DispatchOptions): Promise<Outcome[]>;
  /** What each selected sink would receive; sends nothing, writes nothing. */
  render(events: readonly NotificationEvent[], sinkIds?: readonly string[]): RenderedForSink[];
  /** Whether a dead letter of this sink outlives the run (its own spool, or a durable store). */
  keepsDeadLetters(sinkId: string): boolean;
  /** Whether a sink keeps living messages, so front doors name each event's conversation. */
  keepsLivingMessages: boolean;
  /** Each living-message sink's stored message for the event's conversation: sink id → message id. */
  messageIds(event: NotificationEvent, sinkIds?: readonly string[]): Promise<Record<string, string>>;
  /** `render`, marked where the state says an event was already delivered to that sink. */
  preview(events: readonly NotificationEvent[], sinkIds?: readonly string[]): Promise<RenderedForSink[]>;
  close(): Promise<void>;
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

async function judgeConfig(options: HeraldOptions): Promise<OpenedConfig & { auditKey: AuditKey }> {
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

export async function createHerald(options: HeraldOptions = {}): Promise<Herald> {
  const { config, ctx, auditKey } = await judgeConfig(options);
  const store = await openStateStore({ choice: options.state ?? {}, block: config.block, cwd: ctx.cwd, baseDir: config.baseDir, env: ctx.env, log: ctx.log, redactor: ctx.redactor });
  const http = createHttpClient({
    env: ctx.env,
    caBundle: options.caBundle ?? config.block.http.ca_bundle,
    proxy: config.block.http.proxy,
    connectTimeoutMs: config.block.http.connect_timeout_s * 1000,
  });
  const audit = await openAuditLog(auditKey, ctx, store);
  const rescueDeadLetter = deadLetterRescue({
    dirs: [defaultStateDir(ctx.cwd, ctx.env, config.block, config.baseDir)],
    privateDir: join(tmpdir(), `herald-dead-letters-${process.getuid?.() ?? 'user'}`),
    policy: { windowMs: config.block.dedup_window_seconds * 1000, lruSize: config.block.dedup_lru_size },
    log: ctx.log,
  });
  const dispatcher = new Dispatcher({ config, store, http, ctx, audit, rescueDeadLetter, deadLettersFor: (sink) => spoolFor(sink, config.baseDir, ctx) });
  return {
    config,
    store,
    ctx,
    http,
    send(events, dispatchOptions) {
      const now = ctx.clock.nowMs() / 1000;
      // A complete event passes through buildEvent unchanged; partial inputs get their defaults.
      return dispatcher.dispatch(events.map((e) => buildEvent(e, now)), dispatchOptions);
    },
    deliver: (events, dispatchOptions) => dispatcher.dispatch(events, dispatchOptions),
    render: (events, sinkIds) => dispatcher.renderAll(events, sinkIds),
    preview: (events, sinkIds) => dispatcher.preview(events, sinkIds),
    keepsLivingMessages: keepsLivingMessages(config.sinks),
    async messageIds(event, sinkIds) {
      const ids: Record<string, string> = {};
      for (const sink of dispatcher.selectSinks(sinkIds)) {
        const ref = (await dispatcher.threads.preview(sink, event).catch(() => undefined))?.ref;
        if (ref) ids[sink.config.id] = ref.id;
      }
      return ids;
    },
    keepsDeadLetters: (sinkId) => {
      const sink = config.sinks.find((s) => s.config.id === sinkId);
      return Boolean(sink && spoolFor(sink, config.baseDir, ctx)) || store.durable !== false;
    },
    async close() {
      await dispatcher.close();
      await http.close();
      await store.close();
    },
  };
}

/** A profile webhook with a `spool_dir` keeps its failures there, in dnadesign's spool format. */
function spoolFor(sink: SinkEntry, baseDir: string, ctx: RuntimeContext): SinkDeadLetters | undefined {
  const cfg = sink.config as { kind: string; spool_dir?: string; provider?: string };
  if (sink.definition.kind !== 'usr_webhook' || !cfg.spool_dir) return undefined;
  const dir = resolve(baseDir, cfg.spool_dir);
  return {
    add: async (letter) => {
      const { usrPayloadOf } = await import('./sinks/usr-webhook.js');
      await writeSpoolFile(dir, cfg.provider ?? 'generic', usrPayloadOf(letter.event), ctx.clock.nowMs());
    },
  };
}

/** No audit; a key (read and checked); or a key file not made yet. */
type AuditKey = undefined | { key: string } | { file: string };

/**
 * An existing key is read and checked while the config is judged, so a loose key file stops the
 * run before anything is sent; a key file that does not exist yet is made when the first entry is
 * written, so a dry run or a `list` never creates one.
 */
async function readAuditKey(config: LoadedConfig, ctx: RuntimeContext): Promise<AuditKey> {
  const source = auditKeySource(config.block.audit, ctx.env, config.baseDir);
  if (!source) return undefined;
  const key = await existingAuditKey(source);
  if (key) {
    ctx.redactor.add(key);
    return { key };
  }
  return { file: (source as { file: string }).file };
}

async function openAuditLog(auditKey: AuditKey, ctx: RuntimeContext, store: StateStore): Promise<AuditLog | undefined> {
  if (!auditKey) return undefined;
  const { AuditLog } = await import('./dispatch/audit.js');
  if ('key' in auditKey) return new AuditLog(auditKey.key, store);
  return new AuditLog(async () => {
    const made = (await readAuditKeyFile(auditKey.file, { create: true }))!;
    ctx.redactor.add(made);
    return made;
  }, store);
}
