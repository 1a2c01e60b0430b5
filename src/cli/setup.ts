// `herald setup webhook | slack | resolve-events | list-workspaces` (reference §3.2–3.5, §6.3).
// Herald creates missing directories 0700 and never chmods existing ones (§10 #10); the default
// secret name comes from the profile's namespace, not the file stem (§10 #11). The shared part of
// writing a profile (also used by `profile wizard` and `profile smoke`) is in profile-writer.ts.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { pythonJson } from '../core/python-format.js';
import { checkTool, defaultProfilePath, listWorkspaces, resolveTool, resolveWorkspace } from '../profile/resolvers.js';
import { checkedProgress, checkPolicy, existingEventsFile, printSetupResult, writeSetupProfile, type WriterFlags, type WrittenProfile, withProfileFieldOptions } from './profile-writer.js';
import { configureWebhook, sanitize, withSecretOptions, type SecretFlags } from './webhook-ref.js';
import { topCommand } from './command-index.js';
import { writeOut } from '../core/std-output.js';

export interface SetupSlackFlags extends WriterFlags {
  profile?: string;
  events?: string;
  tool?: string;
  config?: string;
  workspace?: string;
  policy?: string;
  progressStepPct?: string;
  progressMinSeconds?: string;
  progressHeartbeatSeconds?: string;
  json?: boolean;
}

/** `setup slack` up to the written profile: the mode contract, then events path, policy and
 *  profile path by mode (reference §3.3). `profile smoke` runs it in resolver mode. */
export async function setupSlack(f: SetupSlackFlags): Promise<WrittenProfile> {
  const cwd = process.cwd();
  const resolverMode = Boolean(f.tool || f.config || f.workspace);
  if (f.events && resolverMode) throw new UsageError('pass either --events or --tool with --config/--workspace, not both');
  if (!f.events && !resolverMode) throw new UsageError('pass either --events or --tool with --config/--workspace');
  let profilePath: string;
  let events: string;
  let eventsSource: { tool: string; config: string } | undefined;
  let policy = checkPolicy(f.policy);
  if (resolverMode) {
    if (!f.tool || (f.config === undefined) === (f.workspace === undefined)) throw new UsageError('resolver mode requires --tool with exactly one of --config or --workspace');
    checkTool(f.tool);
    const config = f.config ? resolve(cwd, f.config) : resolveWorkspace(f.tool, String(f.workspace), cwd, process.env);
    const r = resolveTool(f.tool, config, cwd);
    events = r.events;
    eventsSource = { tool: r.tool, config: r.config };
    policy ??= r.policy ?? undefined;
    profilePath = f.profile ? resolve(cwd, f.profile) : defaultProfilePath(r);
  } else {
    events = await existingEventsFile(String(f.events), cwd);
    if (!f.profile && !policy) throw new UsageError('default profile path is ambiguous in --events mode; pass --policy or --profile to select a profile namespace');
    profilePath = f.profile ? resolve(cwd, f.profile) : resolve(cwd, 'outputs', 'notify', policy!, 'profile.json');
  }
  return writeSetupProfile({ profilePath, provider: 'slack', events, eventsSource, policy, progress: checkedProgress(f) }, f, { batchSteps: true });
}

export function registerSetup(program: Command): void {
  const setup = topCommand(program, 'setup');
  withSecretOptions(setup.command('webhook').option('--name <name>', 'secret name', 'default')).action(async (f: SecretFlags & { name: string; json?: boolean }) => {
    const name = sanitize(f.name);
    const webhook = await configureWebhook(f, name, process.env);
    const lines = ['Webhook reference configured.', `  source: ${webhook.source}`, `  ref: ${webhook.ref}`];
    writeOut(f.json ? pythonJson({ ok: true, name, webhook }, { sortKeys: true }) + '\n' : lines.join('\n') + '\n');
  });

  const slack = withSecretOptions(setup.command('slack'))
    .option('--profile <path>')
    .option('--events <path>')
    .option('--tool <name>')
    .option('-c, --config <path>')
    .option('--workspace <name>')
    .option('--spool-dir <dir>');
  withProfileFieldOptions(slack)
    .action(async (f: SetupSlackFlags) => printSetupResult(f.json, await setupSlack(f)));

  setup
    .command('resolve-events')
    .requiredOption('--tool <name>')
    .option('-c, --config <path>')
    .option('--workspace <name>')
    .option('--print-policy')
    .option('--json')
    .action((f: { tool: string; config?: string; workspace?: string; printPolicy?: boolean; json?: boolean }) => {
      if (f.printPolicy && f.json) throw new UsageError('pass either --print-policy or --json, not both');
      if ((f.config === undefined) === (f.workspace === undefined)) throw new UsageError('pass exactly one of --config or --workspace');
      const cwd = process.cwd();
      const config = f.config ? resolve(cwd, f.config) : resolveWorkspace(f.tool, f.workspace!, cwd, process.env);
      const r = resolveTool(f.tool, config, cwd);
      if (f.printPolicy) writeOut(`${r.policy ?? ''}\n`);
      else if (f.json) writeOut(pythonJson({ ok: true, tool: r.tool, config: r.config, events: r.events, policy: r.policy }, { sortKeys: true }) + '\n');
      else writeOut(`${r.events}\n`);
    });

  setup
    .command('list-workspaces')
    .requiredOption('--tool <name>')
    .option('--json')
    .action((f: { tool: string; json?: boolean }) => {
      const names = listWorkspaces(f.tool, process.cwd(), process.env);
      if (f.json) writeOut(pythonJson({ ok: true, tool: f.tool.trim(), workspaces: names }, { sortKeys: true }) + '\n');
      else writeOut(names.length ? names.join('\n') + '\n' : 'No workspaces found.\n');
    });
}
