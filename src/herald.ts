// Wires config, state, HTTP and the dispatcher together. The CLI, the action and the library
// are thin layers over this.
import type { RuntimeContext } from './core/context.js';
import type { LoadedConfig, SinkEntry } from './config/load.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildEvent, type EventInput, type NotificationEvent } from './core/event.js';
import { createHttpClient } from './sinks/http-client.js';
import type { HttpClient } from './sinks/http.js';
import { defaultStateDir, openStateStore } from './state/open.js';
import { deadLetterRescue } from './dispatch/dead-letter-rescue.js';
import type { StateStore } from './state/store.js';
import { Dispatcher, type DispatchOptions, type RenderedForSink, type SinkDeadLetters } from './dispatch/dispatcher.js';
import { keepsLivingMessages } from './dispatch/threading.js';
import { writeSpoolFile } from './state/spool.js';
import type { AuditLog } from './dispatch/audit.js';
import { readAuditKeyFile, type AuditKeySource } from './dispatch/audit-key.js';
import type { Outcome } from './dispatch/outcome.js';
import { judgeConfig, type HeraldOptions } from './open-config.js';

export { openConfig, usabilityProblem, type HeraldOptions, type OpenedConfig } from './open-config.js';

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

async function openAuditLog(auditKey: AuditKeySource | undefined, ctx: RuntimeContext, store: StateStore): Promise<AuditLog | undefined> {
  if (!auditKey) return undefined;
  const { AuditLog } = await import('./dispatch/audit.js');
  if ('key' in auditKey) return new AuditLog(auditKey.key, store);
  return new AuditLog(async () => {
    const made = (await readAuditKeyFile(auditKey.file, { create: true }))!;
    ctx.redactor.add(made);
    return made;
  }, store);
}
