// Writing a profile the way `setup slack`, `profile wizard` and `profile smoke` do (reference
// §2.3, §3.3, §3.7): policy filters, cursor and spool next to the profile, the TLS bundle, the
// webhook ref, the directories, the sorted 0600 file, and the next-steps text printed after it.
// Herald creates missing directories 0700 and never chmods existing ones (§10 #10); the default
// secret name comes from the profile's namespace, not the file stem (§10 #11).
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ConfigError, UsageError } from '../core/errors.js';
import { pythonJson } from '../core/python-format.js';
import { POLICIES, writeProfile } from '../profile/schema.js';
import { POLICY_DEFAULTS } from '../profile/resolvers.js';
import { checkEventsFile } from '../sources/usr-events/validate.js';
import { configureWebhook, sanitize, type SecretFlags } from './webhook-ref.js';
import { writeOut } from '../core/std-output.js';

export interface ProfileDraft {
  /** Absolute. */
  profilePath: string;
  provider: string;
  /** Absolute; may not exist yet in resolver mode. */
  events: string;
  eventsSource?: { tool: string; config: string };
  policy?: string;
  onlyActions?: string;
  onlyTools?: string;
  /** `progress_*` keys, already parsed. */
  progress: Record<string, number>;
}

export interface WriterFlags extends SecretFlags {
  cursor?: string;
  spoolDir?: string;
  includeArgs?: boolean;
  includeContext?: boolean;
  includeRawEvent?: boolean;
  tlsCaBundle?: string;
  force?: boolean;
}

export interface WrittenProfile {
  /** The `--json` object (without `ok`). */
  result: Record<string, unknown>;
  /** The text output: `Profile written: …` and the next steps. */
  lines: string[];
}

export function checkPolicy(policy: string | undefined): string | undefined {
  const p = policy?.trim().toLowerCase();
  if (p && !(POLICIES as readonly string[]).includes(p)) throw new UsageError(`unsupported policy '${p}'. Supported values: ${POLICIES.join(', ')}`);
  return p;
}

/** `--events` in explicit mode: must exist and pass the §1.7 startup check. */
export async function existingEventsFile(eventsArg: string, cwd: string): Promise<string> {
  const events = resolve(cwd, eventsArg);
  try {
    if (!(await checkEventsFile(events))) throw new Error(`events file not found: ${events}`);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return events;
}

/** `--tls-ca-bundle`: must be an existing file; stored absolute. */
export function tlsBundle(arg: string, cwd: string): string {
  const ca = resolve(cwd, arg);
  if (!existsSync(ca)) throw new ConfigError(`tls_ca_bundle file not found: ${ca}`);
  if (!statSync(ca).isFile()) throw new ConfigError(`tls_ca_bundle path is not a file: ${ca}`);
  return ca;
}

interface ProgressFlags {
  progressStepPct?: string;
  progressMinSeconds?: string;
  progressHeartbeatSeconds?: string;
}

function rawProgress(f: ProgressFlags): Record<string, number> {
  const out: Record<string, number> = {};
  if (f.progressStepPct !== undefined) out.progress_step_pct = Number(f.progressStepPct);
  if (f.progressMinSeconds !== undefined) out.progress_min_seconds = Number(f.progressMinSeconds);
  if (f.progressHeartbeatSeconds !== undefined) out.progress_heartbeat_seconds = Number(f.progressHeartbeatSeconds);
  return out;
}

/** The progress flags as numbers, with dnadesign's checks and messages, so no writer (setup slack,
 *  profile init, profile wizard) stores a value that the profile reader would then refuse. */
export function checkedProgress(f: ProgressFlags): Record<string, number> {
  const out = rawProgress(f);
  const step = out.progress_step_pct;
  if (step !== undefined && (!Number.isInteger(step) || step < 1 || step > 100)) throw new UsageError('progress_step_pct must be an integer between 1 and 100');
  for (const key of ['progress_min_seconds', 'progress_heartbeat_seconds'] as const) {
    const v = out[key];
    if (v !== undefined && !(v > 0)) throw new UsageError(`${key} must be a positive number`);
  }
  return out;
}

/** Optional string flags: blank is a mistake, not "unset" (reference §3.0). */
export function nonBlank(value: string | undefined, field: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${field} must be a non-empty string when provided`);
  return value?.trim();
}

/** Creates a missing directory 0700 (an existing one is never chmod-ed, §10 #10). */
export async function ensureDir(dir: string, what = 'cursor directory', hint = 'check --cursor and --spool-dir'): Promise<void> {
  if (existsSync(dir)) return;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError(`failed to create ${what}: ${dir} (${(error as NodeJS.ErrnoException).code}); ${hint}`);
  }
}

/** A policy fills only the filters that were not given (§2.3). */
export function applyPolicy(data: Record<string, unknown>, policy: string | undefined): void {
  if (!policy) return;
  data.policy = policy;
  for (const [key, value] of Object.entries(POLICY_DEFAULTS[policy] ?? {})) if (data[key] === undefined) data[key] = value;
}

export async function writeSetupProfile(draft: ProfileDraft, f: WriterFlags, options: { batchSteps: boolean }): Promise<WrittenProfile> {
  const cwd = process.cwd();
  const { profilePath, events, policy } = draft;
  const data: Record<string, unknown> = { profile_version: 2, provider: draft.provider, include_args: Boolean(f.includeArgs), include_context: Boolean(f.includeContext), include_raw_event: Boolean(f.includeRawEvent) };
  if (draft.eventsSource) data.events_source = draft.eventsSource;
  data.events = events;
  if (draft.onlyActions !== undefined) data.only_actions = draft.onlyActions;
  if (draft.onlyTools !== undefined) data.only_tools = draft.onlyTools;
  applyPolicy(data, policy);
  const pdir = dirname(profilePath);
  data.cursor = f.cursor ? resolve(pdir, f.cursor) : join(pdir, 'cursor');
  data.spool_dir = f.spoolDir ? resolve(pdir, f.spoolDir) : join(pdir, 'spool');
  if (f.tlsCaBundle) data.tls_ca_bundle = tlsBundle(f.tlsCaBundle, cwd);
  Object.assign(data, draft.progress);
  // One secret per namespace (§10 #11): the profile directory's path below outputs/notify.
  const ns = sanitize(relative(join(pdir, '..'), pdir) === basename(pdir) && basename(pdir) !== 'notify' ? basename(pdir) : 'default');
  const webhook = await configureWebhook(f, ns, process.env);
  data.webhook = webhook;
  await ensureDir(pdir);
  await ensureDir(dirname(String(data.cursor)));
  await ensureDir(String(data.spool_dir));
  await writeProfile(profilePath, data, Boolean(f.force));
  const exists = existsSync(events);
  const next = nextSteps({ profilePath, eventsSource: draft.eventsSource, eventsExist: exists, webhook, batch: options.batchSteps });
  return {
    result: { profile: profilePath, provider: draft.provider, events, cursor: data.cursor, spool_dir: data.spool_dir, policy: policy ?? null, webhook, next_steps: next, events_exists: exists },
    lines: [`Profile written: ${profilePath}`, ...next],
  };
}

export const shellQuote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`);

/** §3.7's next steps, with Herald's command names. `batch` adds the qsub lines; Herald's
 *  watch.qsub (shipped in the package) reads the profile from NOTIFY_PROFILE, as dnadesign's does. */
export function nextSteps(p: { profilePath: string; eventsSource?: { tool: string; config: string }; eventsExist: boolean; webhook: { source: string; ref: string }; batch: boolean }): string[] {
  const profile = shellQuote(p.profilePath);
  const watchCmd = p.eventsSource ? `herald watch --tool ${shellQuote(p.eventsSource.tool)} --config ${shellQuote(p.eventsSource.config)}` : `herald watch --profile ${profile}`;
  const next = ['Next steps:', ...(p.eventsExist
    ? [`  1) herald profile doctor --profile ${profile}`, `  2) ${watchCmd} --dry-run`, `  3) ${watchCmd} --follow`]
    : ['  1) Submit your tool run (events path is reserved but not created yet).', `  2) ${watchCmd} --follow --wait-for-events --stop-on-terminal-status --idle-timeout 900`])];
  if (p.batch) next.push('  batch: qsub -P <project> \\', `    -v NOTIFY_PROFILE=${profile} \\`, '    examples/batch/watch.qsub');
  if (p.webhook.source === 'env') next.push(`  env: export ${p.webhook.ref}=<your_webhook_url>`);
  return next;
}

export function printSetupResult(json: boolean | undefined, written: WrittenProfile): void {
  writeOut(json ? pythonJson({ ok: true, ...written.result }, { sortKeys: true }) + '\n' : written.lines.join('\n') + '\n');
}

/** The profile fields every profile writer takes (setup slack §3.3, profile init §3.6, wizard §3.7). */
export function withProfileFieldOptions(command: Command): Command {
  return command
    .option('--cursor <path>', 'cursor file (default: <profile dir>/cursor)')
    .option('--include-args').option('--no-include-args')
    .option('--include-context').option('--no-include-context')
    .option('--include-raw-event').option('--no-include-raw-event')
    .option('--progress-step-pct <n>').option('--progress-min-seconds <s>').option('--progress-heartbeat-seconds <s>')
    .option('--tls-ca-bundle <path>')
    .option('--policy <name>', 'construct | densegen | generic | infer (fills the filters not given)')
    .option('--force', 'overwrite an existing profile');
}
