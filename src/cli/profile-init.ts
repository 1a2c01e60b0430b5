// `herald profile init` (reference §3.6): a profile from flags alone, for scripts. The webhook is
// always an environment variable (`--url-env`), so nothing is stored in a secret backend and
// nothing is prompted. Relative `--cursor`/`--spool-dir` are taken from the CWD and stored
// absolute, as dnadesign writes them. Herald differs in two places: the default cursor is
// `<profile dir>/cursor`, as every other writer has it, instead of `notify.cursor` inside the USR
// dataset directory (§10 #20); and the provider is checked when written (§10 #15).
import type { Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { isKnownProvider, writeProfile } from '../profile/schema.js';
import { applyPolicy, checkedProgress, checkPolicy, ensureDir, existingEventsFile, nonBlank, tlsBundle, withProfileFieldOptions } from './profile-writer.js';
import { writeOut } from '../core/std-output.js';

export interface InitFlags {
  profile: string;
  provider: string;
  urlEnv: string;
  events: string;
  cursor?: string;
  onlyActions?: string;
  onlyTools?: string;
  spoolDir?: string;
  includeArgs?: boolean;
  includeContext?: boolean;
  includeRawEvent?: boolean;
  progressStepPct?: string;
  progressMinSeconds?: string;
  progressHeartbeatSeconds?: string;
  tlsCaBundle?: string;
  policy?: string;
  force?: boolean;
}

/** Writes the profile; returns its absolute path. */
export async function profileInit(f: InitFlags): Promise<string> {
  const cwd = process.cwd();
  const profilePath = resolve(cwd, f.profile);
  const events = await existingEventsFile(f.events, cwd);
  const policy = checkPolicy(nonBlank(f.policy, 'policy'));
  const data: Record<string, unknown> = {
    profile_version: 2,
    provider: f.provider.trim(),
    events,
    cursor: f.cursor !== undefined ? resolve(cwd, f.cursor) : join(dirname(profilePath), 'cursor'),
    include_args: Boolean(f.includeArgs),
    include_context: Boolean(f.includeContext),
    include_raw_event: Boolean(f.includeRawEvent),
    webhook: { source: 'env', ref: f.urlEnv.trim() },
    ...checkedProgress(f),
  };
  const onlyActions = nonBlank(f.onlyActions, 'only_actions');
  const onlyTools = nonBlank(f.onlyTools, 'only_tools');
  if (onlyActions !== undefined) data.only_actions = onlyActions;
  if (onlyTools !== undefined) data.only_tools = onlyTools;
  if (f.spoolDir !== undefined) data.spool_dir = resolve(cwd, f.spoolDir);
  if (f.tlsCaBundle !== undefined) data.tls_ca_bundle = tlsBundle(f.tlsCaBundle, cwd);
  applyPolicy(data, policy);
  if (!data.provider) throw new UsageError('provider must be a non-empty string');
  if (!isKnownProvider(String(data.provider))) throw new UsageError('provider must be one of: discord, generic, slack');
  if (!f.urlEnv.trim()) throw new UsageError('url_env must be a non-empty string');
  await ensureDir(dirname(profilePath), 'profile directory', 'check --profile');
  await writeProfile(profilePath, data, Boolean(f.force));
  return profilePath;
}

export function registerProfileInit(profile: Command): void {
  const command = profile
    .command('init')
    .description('write a profile from flags alone (webhook from an environment variable)')
    .requiredOption('--profile <path>', 'profile file to write')
    .requiredOption('--provider <name>', 'generic | slack | discord')
    .requiredOption('--url-env <name>', 'environment variable that will hold the webhook URL')
    .requiredOption('--events <path>', 'existing USR .events.log')
    .option('--only-actions <csv>')
    .option('--only-tools <csv>')
    .option('--spool-dir <dir>');
  withProfileFieldOptions(command)
    .action(async (f: InitFlags) => {
      writeOut(`Profile written: ${await profileInit(f)}\n`);
    });
}
