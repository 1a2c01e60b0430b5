// `herald profile smoke` (reference §3.10): the whole wiring of a tool workspace in one go —
//   1. `setup slack --tool T --config C` with --force (resolver mode),
//   2. create the resolved .events.log empty if missing (mkdir -p + touch, as dnadesign does),
//   3. `profile doctor` (text),
//   4. `watch --profile P`, one pass without --follow, dry-run unless --no-dry-run.
// Each step prints what the command itself prints. Bad input to step 1 (a flag, the tool config,
// the secret source) is a usage/config error and exits 2, as `setup slack` does; a later step that
// fails is the smoke test's finding and exits 1 at once, naming the step.
import type { Command } from 'commander';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isUserError } from '../core/errors.js';
import { doctor, doctorText } from './profile-doctor.js';
import { nonBlank } from './profile-writer.js';
import { setupSlack } from './setup.js';
import { watchCommand } from './watch.js';
import { writeErr, writeOut } from '../core/std-output.js';

export interface SmokeFlags {
  profile: string;
  tool: string;
  config: string;
  cursor: string;
  spoolDir: string;
  policy: string;
  secretSource: string;
  secretRef?: string;
  storeWebhook?: boolean;
  tlsCaBundle?: string;
  onlyTools?: string;
  dryRun?: boolean;
  advanceCursorOnDryRun?: boolean;
}

function failed(step: string, detail: unknown): number {
  const message = isUserError(detail) ? detail.describe() : detail instanceof Error ? detail.message : String(detail);
  writeErr(`herald: profile smoke failed at ${step}: ${message}\n`);
  return 1;
}

/** Returns the exit status; throws ConfigError/UsageError for bad input to step 1. */
export async function profileSmoke(f: SmokeFlags): Promise<number> {
  const onlyTools = nonBlank(f.onlyTools, 'only_tools');
  const written = await setupSlack({
    profile: f.profile,
    tool: f.tool,
    config: f.config,
    cursor: f.cursor,
    spoolDir: f.spoolDir,
    policy: f.policy,
    secretSource: f.secretSource,
    secretRef: f.secretRef,
    // dnadesign's smoke defaults to --no-store-webhook: it checks wiring, it does not take a URL.
    storeWebhook: f.storeWebhook === true,
    tlsCaBundle: f.tlsCaBundle,
    force: true,
  });
  writeOut(written.lines.join('\n') + '\n');
  const profilePath = String(written.result.profile);
  const events = String(written.result.events);

  try {
    await mkdir(dirname(events), { recursive: true });
    // 0600, as the USR writer creates it (reference §6.5); an existing file is left as it is.
    await (await open(events, 'a', 0o600)).close();
  } catch (error) {
    return failed('step 2 (create the events file)', error);
  }

  try {
    writeOut(`${doctorText(await doctor(profilePath))}\n`);
  } catch (error) {
    return failed('step 3 (profile doctor)', error);
  }

  let status: number;
  try {
    status = await watchCommand({
      profile: profilePath,
      onlyTools,
      dryRun: f.dryRun !== false,
      advanceCursorOnDryRun: f.advanceCursorOnDryRun === true,
    });
  } catch (error) {
    return failed('step 4 (watch)', error);
  }
  return status === 0 ? 0 : failed('step 4 (watch)', `exit status ${status}`);
}

export function registerProfileSmoke(profile: Command): void {
  profile
    .command('smoke')
    .description('setup slack (resolver mode, --force) → create the events file → doctor → one dry-run watch pass')
    .requiredOption('--profile <path>', 'profile file to (over)write')
    .requiredOption('--tool <name>', 'construct | densegen | infer')
    .requiredOption('-c, --config <path>', 'tool config that names the USR dataset')
    .requiredOption('--cursor <path>')
    .requiredOption('--spool-dir <dir>')
    .requiredOption('--policy <name>', 'construct | densegen | generic | infer')
    .option('--secret-source <s>', 'auto | env | keychain | secretservice | file', 'file')
    .option('--secret-ref <uri>', 'file:///path, keychain://service/account, secretservice://service/account')
    .option('--store-webhook').option('--no-store-webhook')
    .option('--tls-ca-bundle <path>')
    .option('--only-tools <csv>', 'only events whose actor.tool is one of these (watch step)')
    .option('--dry-run', 'watch step prints payloads (default)').option('--no-dry-run')
    .option('--advance-cursor-on-dry-run').option('--no-advance-cursor-on-dry-run')
    .action(async (f: SmokeFlags) => {
      process.exitCode = await profileSmoke(f);
    });
}
