// `herald profile init|wizard|show|doctor|smoke` (reference §3.6–3.10). Doctor's checks are in
// profile-doctor.ts; init, wizard and smoke each have their own module.
import type { Command } from 'commander';
import { loadProfile } from '../profile/schema.js';
import { pythonJson } from '../core/python-format.js';
import { doctor, doctorText } from './profile-doctor.js';
import { registerProfileInit } from './profile-init.js';
import { registerProfileWizard } from './profile-wizard.js';
import { registerProfileSmoke } from './profile-smoke.js';
import { topCommand } from './command-index.js';
import { writeOut } from '../core/std-output.js';

export function registerProfile(program: Command): void {
  const profile = topCommand(program, 'profile');
  registerProfileInit(profile);
  registerProfileWizard(profile);
  profile
    .command('doctor')
    .description('validate a profile and its wiring (events, cursor, spool, webhook, TLS); prints no secret')
    .requiredOption('--profile <path>')
    .option('--json')
    .action(async (f: { profile: string; json?: boolean }) => {
      try {
        const result = await doctor(f.profile);
        if (f.json) writeOut(pythonJson(result, { sortKeys: true }) + '\n');
        else writeOut(`${doctorText(result)}\n`);
      } catch (error) {
        if (f.json && error instanceof Error) {
          writeOut(pythonJson({ ok: false, error: error.message }, { sortKeys: true }) + '\n');
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
  profile
    .command('show')
    .requiredOption('--profile <path>')
    .option('--json', 'the profile as one JSON line (as send --json)')
    .action(async (f: { profile: string; json?: boolean }) => {
      const p = await loadProfile(f.profile, process.cwd());
      const sorted = Object.fromEntries(Object.keys(p.raw).sort().map((k) => [k, p.raw[k]]));
      writeOut((f.json ? JSON.stringify(sorted) : JSON.stringify(sorted, null, 2)) + '\n');
    });
  registerProfileSmoke(profile);
}
