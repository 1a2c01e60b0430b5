// `herald watch` inputs: the mode contract in the reference's order (§3.11) and the resolution of
// provider, events, cursor, filters, progress, spool, include flags and webhook (§4.1 step 6).
import { resolve } from 'node:path';
import { ConfigError, UsageError } from '../core/errors.js';
import { loadProfile, type Profile } from '../profile/schema.js';
import { defaultProfilePath, resolveTool, resolveWorkspace, type Resolved } from '../profile/resolvers.js';
import { checkEventsFile } from '../sources/usr-events/validate.js';
import type { TruncateMode } from '../sources/usr-events/follow.js';

export interface WatchFlags {
  profile?: string;
  events?: string;
  tool?: string;
  config?: string;
  heraldConfig?: string;
  workspace?: string;
  cursor?: string;
  follow?: boolean;
  waitForEvents?: boolean;
  idleTimeout?: string;
  pollIntervalSeconds?: string;
  stopOnTerminalStatus?: boolean;
  onTruncate?: string;
  onlyActions?: string;
  onlyTools?: string;
  progressStepPct?: string;
  progressMinSeconds?: string;
  progressHeartbeatSeconds?: string;
  onInvalidEvent?: string;
  allowUnknownVersion?: boolean;
  runId?: string;
  message?: string;
  includeArgs?: boolean;
  includeContext?: boolean;
  includeRawEvent?: boolean;
  connectTimeout?: string;
  readTimeout?: string;
  retryMax?: string;
  retryBaseSeconds?: string;
  failFast?: boolean;
  spoolDir?: string;
  dryRun?: boolean;
  advanceCursorOnDryRun?: boolean;
  provider?: string;
  url?: string;
  urlEnv?: string;
  secretRef?: string;
  tlsCaBundle?: string;
  stateDir?: string;
  state?: string;
  json?: boolean;
}

export interface ResolvedWatch {
  mode: 'profile' | 'events' | 'resolver';
  profile?: Profile;
  resolved?: Resolved;
  events: string;
  runIdOverride?: string;
  /** construct: `construct-<job.id>` of the selected project, so another project's events on a
   *  shared dataset can be told apart (§10 #5, see constructEventOwner), whatever --run-id says. */
  constructRunId?: string;
  onTruncate: TruncateMode;
}

function constructRunId(resolved: Resolved): string | undefined {
  return resolved.tool === 'construct' && resolved.constructJobId ? `construct-${resolved.constructJobId}` : undefined;
}

export function num(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || Number.isNaN(n)) throw new UsageError(`${name} must be a number; got '${value}'`);
  return n;
}

function nonBlank(value: string | undefined, field: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${field} must be a non-empty string when provided`);
  return value;
}

export async function resolveWatchMode(f: WatchFlags, cwd: string, env: Record<string, string | undefined>): Promise<ResolvedWatch> {
  const idle = num(f.idleTimeout, 'idle_timeout');
  if (idle !== undefined && !(idle > 0)) throw new UsageError('idle_timeout must be > 0 when provided');
  const poll = num(f.pollIntervalSeconds, 'poll_interval_seconds') ?? 0.2;
  if (!(poll > 0)) throw new UsageError('poll_interval_seconds must be > 0');
  for (const [v, n] of [[f.events, 'events'], [f.profile, 'profile'], [f.cursor, 'cursor'], [f.spoolDir, 'spool_dir'], [f.runId, 'run_id'], [f.tool, 'tool'], [f.config, 'config']] as const) nonBlank(v, n);
  const resolverMode = f.config !== undefined || f.workspace !== undefined;
  if (!f.profile && !f.events && !resolverMode) throw new UsageError('pass --profile, --events, or --tool with --config/--workspace');
  if (resolverMode && (f.profile || f.events)) throw new UsageError('--config/--workspace cannot be combined with --profile or --events');
  if (f.config !== undefined && f.workspace !== undefined) throw new UsageError('pass either --config or --workspace, not both');
  if (resolverMode && !f.tool) throw new UsageError('--config/--workspace requires --tool');
  if (f.workspace !== undefined && f.workspace.trim() === '') throw new UsageError('--workspace must be a non-empty string');
  const onTruncate = (f.onTruncate ?? 'error') as TruncateMode;
  if (!['error', 'restart', 'resume'].includes(onTruncate)) throw new UsageError(`unsupported on-truncate mode '${f.onTruncate}'`);

  if (resolverMode) {
    const configPath = f.config !== undefined ? resolve(cwd, f.config) : resolveWorkspace(f.tool!, f.workspace!, cwd, env);
    const resolved = resolveTool(f.tool!, configPath, cwd);
    const profilePath = defaultProfilePath(resolved);
    let profile: Profile;
    try {
      profile = await loadProfile(profilePath, cwd);
    } catch (error) {
      if (error instanceof ConfigError && error.message.startsWith('profile file not found')) {
        const how = f.workspace !== undefined ? `--workspace ${f.workspace}` : `--config ${resolved.config}`;
        throw new ConfigError(`profile not found for tool '${resolved.tool}' at ${profilePath}. Run \`uv run notify setup slack --tool ${resolved.tool} ${how}\` once.`, { fix: `or: herald setup slack --tool ${resolved.tool} ${how}` });
      }
      throw error;
    }
    const es = profile.eventsSource;
    if (es && (es.tool !== resolved.tool || resolve(es.config) !== resolve(resolved.config))) {
      throw new ConfigError(`profile events_source does not match --tool/--config (or resolved --tool/--workspace); expected tool='${resolved.tool}' config=${resolved.config}, found tool='${es.tool}' config=${es.config}`);
    }
    const projectRunId = constructRunId(resolved);
    return { mode: 'resolver', profile, resolved, events: resolved.events, runIdOverride: f.runId ?? projectRunId, constructRunId: projectRunId, onTruncate };
  }
  const profile = f.profile ? await loadProfile(f.profile, cwd) : undefined;
  let events: string;
  let runIdOverride = f.runId;
  let projectRunId: string | undefined;
  if (f.events !== undefined) events = f.events;
  else if (profile!.eventsSource) {
    const resolved = resolveTool(profile!.eventsSource.tool, profile!.eventsSource.config, profile!.dir);
    try {
      await checkEventsFile(resolved.events);
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
    events = resolved.events;
    projectRunId = constructRunId(resolved);
    runIdOverride ??= projectRunId;
  } else events = profile!.events;
  return { mode: profile ? 'profile' : 'events', profile, events: resolve(cwd, events), runIdOverride, constructRunId: projectRunId, onTruncate };
}

export function csv(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The profile webhook as a `usr_webhook` sink: dnadesign's timeout and retry flags become the
 * sink's `timeout_s` and retry block, so it retries under the dispatcher's one policy (attempts =
 * 1 + --retry-max, exponential from --retry-base-seconds, with jitter; Retry-After honoured).
 */
export function profileWebhookSink(
  f: { connectTimeout?: string; readTimeout?: string; retryMax?: string; retryBaseSeconds?: string },
  target: { url: string; provider: string; spoolDir?: string },
): Record<string, unknown> {
  const retryMax = num(f.retryMax, 'retry_max') ?? 3;
  if (!Number.isInteger(retryMax) || retryMax < 0) throw new UsageError(`retry_max must be a whole number >= 0; got '${f.retryMax}'`);
  const baseSeconds = num(f.retryBaseSeconds, 'retry_base_seconds') ?? 0.5;
  if (baseSeconds < 0) throw new UsageError(`retry_base_seconds must be >= 0; got '${f.retryBaseSeconds}'`);
  const timeoutS = (num(f.connectTimeout, 'connect_timeout') ?? 5) + (num(f.readTimeout, 'read_timeout') ?? 10);
  if (!(timeoutS > 0)) throw new UsageError('connect_timeout and read_timeout must be > 0');
  return {
    id: PROFILE_WEBHOOK_ID,
    kind: 'usr_webhook',
    url: target.url,
    provider: target.provider,
    ...(target.spoolDir ? { spool_dir: target.spoolDir } : {}),
    timeout_s: timeoutS,
    retry: { max_attempts: Math.min(20, retryMax + 1), initial_delay_ms: Math.max(1, Math.round(baseSeconds * 1000)), backoff_factor: 2, jitter: 0.5 },
  };
}

/** The sink id the profile webhook runs under (dead letters and outcomes name it). */
export const PROFILE_WEBHOOK_ID = 'usr-webhook';
