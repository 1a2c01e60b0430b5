// `herald profile wizard` (reference §3.7): `setup slack` in `--events` mode with a free provider,
// explicit `--only-actions`/`--only-tools`, and the batch lines in its next steps. The default
// profile `./outputs/notify/<policy>/profile.json` applies only when `--profile` is absent, never
// when it is typed (dnadesign decides by parameter source here; Herald's `setup slack` does too,
// §10 #21). The provider is checked when written (§10 #15).
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { isUserError, UsageError } from '../core/errors.js';
import { pythonJson } from '../core/python-format.js';
import { isKnownProvider } from '../profile/schema.js';
import { checkedProgress, checkPolicy, existingEventsFile, nonBlank, printSetupResult, writeSetupProfile, type WriterFlags, type WrittenProfile, withProfileFieldOptions } from './profile-writer.js';
import { withSecretOptions } from './webhook-ref.js';
import { writeOut } from '../core/std-output.js';

export interface WizardFlags extends WriterFlags {
  profile?: string;
  provider: string;
  events: string;
  policy?: string;
  onlyActions?: string;
  onlyTools?: string;
  progressStepPct?: string;
  progressMinSeconds?: string;
  progressHeartbeatSeconds?: string;
  json?: boolean;
}

export async function profileWizard(f: WizardFlags): Promise<WrittenProfile> {
  const cwd = process.cwd();
  const policy = checkPolicy(nonBlank(f.policy, 'policy'));
  const profileArg = nonBlank(f.profile, 'profile');
  if (profileArg === undefined && !policy) throw new UsageError('default profile path is ambiguous in wizard mode; pass --policy or --profile to select a profile namespace');
  const profilePath = resolve(cwd, profileArg ?? join('outputs', 'notify', policy!, 'profile.json'));
  const events = await existingEventsFile(f.events, cwd);
  const provider = f.provider.trim();
  if (!provider) throw new UsageError('provider must be a non-empty string');
  if (!isKnownProvider(provider)) throw new UsageError('provider must be one of: discord, generic, slack');
  const draft = {
    profilePath,
    provider,
    events,
    policy,
    onlyActions: nonBlank(f.onlyActions, 'only_actions'),
    onlyTools: nonBlank(f.onlyTools, 'only_tools'),
    progress: checkedProgress(f),
  };
  return writeSetupProfile(draft, f, { batchSteps: true });
}

export function registerProfileWizard(profile: Command): void {
  const command = withSecretOptions(profile.command('wizard').description('write a profile for an existing .events.log, with its webhook ref and next steps'))
    .option('--profile <path>', 'profile file (default: ./outputs/notify/<policy>/profile.json)')
    .option('--provider <name>', 'generic | slack | discord', 'slack')
    .requiredOption('--events <path>', 'existing USR .events.log')
    .option('--only-actions <csv>')
    .option('--only-tools <csv>')
    .option('--spool-dir <dir>', 'spool directory (default: <profile dir>/spool)');
  withProfileFieldOptions(command)
    .action(async (f: WizardFlags) => {
      try {
        printSetupResult(f.json, await profileWizard(f));
      } catch (error) {
        // §3.0: a --json command reports its error as one JSON line (exit 2 here, as doctor --json).
        if (!f.json || !isUserError(error)) throw error;
        writeOut(pythonJson({ ok: false, error: error.message }, { sortKeys: true }) + '\n');
        process.exitCode = 2;
      }
    });
}
