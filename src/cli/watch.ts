// `herald watch` (alias `herald usr-events watch`): the dnadesign notify watcher, flag for flag
// (reference §3.11). The profile webhook is a `usr_webhook` sink and, with --herald-config or
// HERALD_CONFIG, every configured Herald sink receives the events too — all through one
// dispatcher. Exit: 0 done, 1 unsent or invalid events, 2 usage/config, 3 idle timeout without a
// terminal event.
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { dedupKeyFor } from '../dispatch/dedup-key.js';
import { outcomeLine } from '../dispatch/outcome.js';
import { describeRouting } from '../core/filters.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { createRuntimeContext, type RuntimeContext } from '../core/context.js';
import { createHerald, type Herald } from '../herald.js';
import { WatchError } from '../sources/usr-events/errors.js';
import { runWatch, type WatchResult, type WatchSettings } from '../watch/run.js';
import { normalizeProvider, ProviderError, providerUrlProblem, type UsrProvider } from '../sinks/usr-webhook-format.js';
import { resolveCaBundle, resolveCommandWebhookUrl } from '../profile/webhook.js';
import { startWatchProgress, type WatchProgress } from './watch-progress.js';
import { csv, num, profileWebhookSink, resolveWatchMode, type ResolvedWatch, type WatchFlags } from './watch-options.js';
import { topCommand } from './command-index.js';

// USR event ids hash the record's bytes, so a long window costs nothing and a cursor-less
// restart a week later still repeats nothing.
const WATCH_DEDUP = { windowSeconds: 30 * 86400, lruSize: 1_000_000 };

// Dry-run output that may wait for stdout before the watch waits for it to drain.
const OUTPUT_QUEUE_BYTES = 4 << 20;

/**
 * Between batches of a dry run. A catch-up reads synchronously, so output queued for a pipe moves
 * only while the event loop turns: one turn per batch lets the reader take the lines while the
 * next batch is parsed. Waiting for a full drain after every batch (as before) left the watch idle
 * for each hand-over: a 200,000-record catch-up into a pipe ran ~10% longer and peaked ~70 MB
 * higher. Past OUTPUT_QUEUE_BYTES it waits, so a slow reader still bounds memory.
 */
export function outputBackpressure(out: Writable): Promise<void> | undefined {
  if (out.writableLength > OUTPUT_QUEUE_BYTES) return new Promise<void>((r) => out.once('drain', () => r()));
  if (out.writableLength > 0) return new Promise<void>((r) => setImmediate(r));
  return undefined;
}

export function withWatchOptions(command: Command): Command {
  return command
    .option('--profile <path>', 'dnadesign notify profile (v2)')
    .option('--events <path>', 'USR .events.log to watch (overrides the profile)')
    .option('--tool <name>', 'resolver tool (with --config/--workspace); otherwise overrides the payload tool')
    .option('-c, --config <path>', 'with --tool: tool config for resolver mode; without: a Herald config whose sinks also get the events')
    .option('--workspace <name>', 'tool workspace name for resolver mode')
    .option('--herald-config <path>', 'Herald config: also fan events out to its sinks (or HERALD_CONFIG)')
    .option('--cursor <path>', 'cursor file (decimal byte offset); no cursor = no persistence')
    .option('--follow', 'keep reading as the file grows')
    .option('--wait-for-events', 'with --follow: wait for the file to appear')
    .option('--idle-timeout <seconds>', 'stop after this long without a new line')
    .option('--poll-interval-seconds <seconds>', 'poll interval', '0.2')
    .option('--stop-on-terminal-status', 'exit after the first success/failure event')
    .option('--on-truncate <mode>', 'error | restart | resume (continue after the last handled event)', 'error')
    .option('--only-actions <csv>', 'only these actions (replaces the profile value)')
    .option('--only-tools <csv>', 'only events whose actor.tool is one of these')
    .option('--progress-step-pct <n>')
    .option('--progress-min-seconds <s>')
    .option('--progress-heartbeat-seconds <s>')
    .option('--on-invalid-event <mode>', 'error | skip', 'error')
    .option('--allow-unknown-version', 'accept event_version other than 1')
    .option('--run-id <id>', 'override the payload run_id')
    .option('--message <text>', 'replace the message of every event')
    .option('--include-args').option('--no-include-args')
    .option('--include-context').option('--no-include-context')
    .option('--include-raw-event').option('--no-include-raw-event')
    .option('--connect-timeout <s>', 'connect timeout', '5')
    .option('--read-timeout <s>', 'read timeout', '10')
    .option('--retry-max <n>', 'retries per event', '3')
    .option('--retry-base-seconds <s>', 'backoff base', '0.5')
    .option('--fail-fast', 'stop at the first event that could not be sent (no spool)')
    .option('--spool-dir <dir>', 'write undeliverable payloads here')
    .option('--dry-run', 'print payloads instead of sending').option('--no-dry-run')
    .option('--advance-cursor-on-dry-run', 'let a dry run move the cursor (default: it does not)').option('--no-advance-cursor-on-dry-run')
    .option('--provider <name>', 'generic | slack | discord')
    .option('--url <url>', 'webhook URL (file:///path secret refs: --secret-ref)')
    .option('--url-env <name>', 'environment variable holding the webhook URL')
    .option('--secret-ref <uri>', 'file:///path, env://NAME, keychain://service/account, secretservice://service/account')
    .option('--tls-ca-bundle <path>', 'CA bundle for https webhooks (or SSL_CERT_FILE, NODE_EXTRA_CA_CERTS)')
    .option('--state-dir <dir>', 'Herald state directory (dedup, dead letters, pack throttles)')
    .option('--state <backend>', 'Herald state backend: dir, none, or a redis:// URL')
    .option('--json', 'live runs: one JSON line per outcome on stdout (sink_id, event_id, outcome, attempts, error)');
}

export function registerWatch(program: Command): void {
  const action = async (flags: WatchFlags) => {
    process.exitCode = await watchCommand(flags);
  };
  withWatchOptions(topCommand(program, 'watch')).action(action);
  const usr = topCommand(program, 'usr-events');
  withWatchOptions(usr.command('watch').description('alias of herald watch')).action(action);
}

export async function watchCommand(flags: WatchFlags): Promise<number> {
  const ctx = createRuntimeContext();
  // `--config` names the tool config with --tool (dnadesign resolver mode) and a Herald config otherwise.
  const f: WatchFlags = flags.config !== undefined && !flags.tool && flags.workspace === undefined ? { ...flags, heraldConfig: flags.heraldConfig ?? flags.config, config: undefined } : flags;
  let herald: Herald | undefined;
  let progress: WatchProgress | undefined;
  try {
    const mode = await resolveWatchMode(f, ctx.cwd, ctx.env);
    const p = mode.profile;
    const dryRun = Boolean(f.dryRun);
    const heraldConfig = f.heraldConfig ?? ctx.env.HERALD_CONFIG;
    const providerRaw = f.provider ?? p?.provider;
    if (!providerRaw && !heraldConfig) throw new UsageError('provider is required; pass --provider or provide it in --profile');
    let provider: UsrProvider | undefined;
    try {
      provider = providerRaw ? normalizeProvider(providerRaw) : undefined;
    } catch (error) {
      throw new ConfigError((error as ProviderError).message);
    }
    const settings = watchSettings(f, mode, provider, dryRun, ctx.cwd);
    const profileSink = !dryRun && provider ? await profileWebhook(f, mode, provider, Boolean(heraldConfig), ctx) : undefined;
    if (!dryRun || f.advanceCursorOnDryRun || heraldConfig) {
      herald = await createHerald({
        ...(heraldConfig ? { config: heraldConfig } : { configText: 'notifications: {}\n' }),
        sinks: profileSink ? [profileSink.sink] : [],
        minDedup: WATCH_DEDUP,
        state: { stateDir: f.stateDir, state: f.state },
        caBundle: profileSink?.caBundle ?? f.tlsCaBundle,
        context: { redactor: ctx.redactor },
      });
      settings.pipeline = herald;
      if (f.json && !dryRun) settings.onOutcome = (o) => void process.stdout.write(`${ctx.redactor.redact(JSON.stringify(outcomeLine(o)))}\n`);
      settings.fanOut = Boolean(heraldConfig);
      settings.packScope = `${settings.eventsPath}#${createHash('sha256').update(herald.config.sinks.map(dedupKeyFor).join('\n')).digest('hex').slice(0, 12)}`;
      if (!herald.config.sinks.some((sink) => sink.config.enabled)) process.stderr.write(`herald: warning: no enabled sink in ${heraldConfig}: these events reach nobody\n`);
    }
    progress = await startWatchProgress(settings.eventsPath, dryRun, () => ctx.clock.nowMs());
    const result = await runWatch(settings, {
      out: (line) => process.stdout.write(`${ctx.redactor.redact(line)}\n`),
      outBytes: (lines) => process.stdout.write(ctx.redactor.redactBytes(lines)),
      warn: (line) => process.stderr.write(`${ctx.redactor.redact(line)}\n`),
      drain: () => outputBackpressure(process.stdout),
      sleep: (ms) => ctx.sleep(ms),
      nowMs: () => ctx.clock.nowMs(),
      progress: (p) => progress?.update(p),
    });
    progress.stop();
    if (result.exitCode === 3) process.stderr.write('herald: idle timeout reached before a terminal event matching the active filters\n');
    if (herald && !dryRun) reportWatch(herald, result);
    return result.exitCode;
  } catch (error) {
    if (error instanceof WatchError) {
      process.stderr.write(`Notification failed: ${ctx.redactor.redact(error.message)}\n`);
      return 1;
    }
    throw error;
  } finally {
    progress?.stop();
    await herald?.close();
  }
}

/**
 * The end of a live watch in one line on stderr; and when events were read but no sink took any,
 * a warning naming each sink's filters: a watcher that notifies nobody must not look like success.
 */
function reportWatch(herald: Herald, result: WatchResult): void {
  const o = result.outcomes;
  const n = (name: string) => o[name] ?? 0;
  process.stderr.write(`herald: watch: ${result.emitted} event(s) handled: ${n('delivered')} delivered, ${n('deduplicated')} deduplicated, ${n('dead_lettered')} kept for replay, ${n('filtered')} filtered (per sink)\n`);
  if (result.emitted > 0 && n('filtered') > 0 && n('delivered') + n('deduplicated') + n('dead_lettered') + n('failed_permanent') === 0) {
    const filters = herald.config.sinks.map((sink) => `${sink.config.id}: ${describeRouting(sink.config)}`).join('; ');
    process.stderr.write(`herald: warning: ${result.emitted} event(s) read and none reached a sink: every sink's filters excluded them (${filters}). USR events have their action as kind and a status label (started, running, success, failure): route them with events: or match_labels: { status: [...] }\n`);
  }
}

function watchSettings(f: WatchFlags, mode: ResolvedWatch, provider: UsrProvider | undefined, dryRun: boolean, cwd: string): WatchSettings {
  const p = mode.profile;
  const onInvalid = f.onInvalidEvent ?? 'error';
  if (onInvalid !== 'error' && onInvalid !== 'skip') throw new UsageError(`unsupported on-invalid-event mode '${onInvalid}'`);
  const stepPct = num(f.progressStepPct, 'progress_step_pct') ?? p?.progressStepPct;
  if (stepPct !== undefined && (!Number.isInteger(stepPct) || stepPct < 1 || stepPct > 100)) throw new UsageError('progress_step_pct must be an integer between 1 and 100');
  const minS = num(f.progressMinSeconds, 'progress_min_seconds') ?? p?.progressMinSeconds;
  if (minS !== undefined && !(minS > 0)) throw new UsageError('progress_min_seconds must be a positive number');
  const heartbeatS = num(f.progressHeartbeatSeconds, 'progress_heartbeat_seconds') ?? p?.progressHeartbeatSeconds;
  if (heartbeatS !== undefined && !(heartbeatS > 0)) throw new UsageError('progress_heartbeat_seconds must be a positive number');
  return {
    eventsPath: mode.events,
    cursorPath: f.cursor !== undefined ? resolve(cwd, f.cursor) : p?.cursor,
    follow: Boolean(f.follow),
    waitForEvents: Boolean(f.waitForEvents),
    idleTimeoutMs: f.idleTimeout !== undefined ? Number(f.idleTimeout) * 1000 : undefined,
    pollMs: Number(f.pollIntervalSeconds ?? '0.2') * 1000,
    stopOnTerminal: Boolean(f.stopOnTerminalStatus),
    onTruncate: mode.onTruncate,
    onlyActions: csv(f.onlyActions ?? p?.onlyActions),
    onlyTools: csv(f.onlyTools ?? p?.onlyTools),
    progress: { stepPct, minSeconds: minS, heartbeatSeconds: heartbeatS },
    onInvalid,
    allowUnknownVersion: Boolean(f.allowUnknownVersion),
    toolOverride: mode.mode === 'resolver' ? undefined : f.tool,
    runIdOverride: mode.runIdOverride,
    constructRunId: mode.constructRunId,
    message: f.message,
    include: {
      includeArgs: f.includeArgs ?? p?.includeArgs ?? false,
      includeContext: f.includeContext ?? p?.includeContext ?? false,
      includeRawEvent: f.includeRawEvent ?? p?.includeRawEvent ?? false,
    },
    provider,
    dryRun,
    advanceCursorOnDryRun: Boolean(f.advanceCursorOnDryRun),
    failFast: Boolean(f.failFast),
  };
}

/**
 * The profile webhook from flags and profile (CLI sources replace the profile's, §10 #14). With a
 * Herald config and no webhook source at all, the Herald sinks alone get the events.
 */
async function profileWebhook(f: WatchFlags, mode: ResolvedWatch, provider: UsrProvider, hasHeraldConfig: boolean, ctx: RuntimeContext): Promise<{ sink: Record<string, unknown>; caBundle?: string } | undefined> {
  const p = mode.profile;
  const cli = { url: f.url, urlEnv: f.urlEnv, secretRef: f.secretRef };
  const hasAny = [f.url, f.urlEnv, f.secretRef].some((v) => v !== undefined) || p;
  if (!hasAny && hasHeraldConfig) return undefined;
  const url = await resolveCommandWebhookUrl(cli, p, ctx.env);
  ctx.redactor.add(url);
  const problem = providerUrlProblem(provider, url);
  if (problem) throw new ConfigError(problem);
  const caBundle = await resolveCaBundle(url, [f.tlsCaBundle, p?.tlsCaBundle], ctx.env);
  const spoolDir = f.spoolDir !== undefined ? resolve(ctx.cwd, f.spoolDir) : p?.spoolDir;
  return { sink: profileWebhookSink(f, { url, provider, spoolDir }), caBundle };
}
