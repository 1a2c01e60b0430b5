// `herald setup webhook | slack | resolve-events | list-workspaces` (reference §3.2–3.5, §6.3).
// Herald creates missing directories 0700 and never chmods existing ones (§10 #10); the default
// secret name comes from the profile's namespace, not the file stem (§10 #11).
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { homedir } from 'node:os';
import { ConfigError, UsageError } from '../core/errors.js';
import { pythonJson } from '../core/python-format.js';
import { POLICIES, writeProfile } from '../profile/schema.js';
import { checkTool, defaultProfilePath, listWorkspaces, POLICY_DEFAULTS, resolveTool, resolveWorkspace } from '../profile/resolvers.js';
import { backendAvailable, parseSecretRef, resolveSecretRef, storeSecretRef } from '../profile/secrets.js';
import { checkEventsFile } from '../sources/usr-events/validate.js';

const SOURCES = ['auto', 'env', 'keychain', 'secretservice', 'file'];

interface SecretFlags {
  secretSource?: string;
  urlEnv?: string;
  secretRef?: string;
  webhookUrl?: string;
  storeWebhook?: boolean;
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '-').replace(/^-+|-+$/g, '') || 'default';
}

function defaultRef(backend: string, name: string, env: Record<string, string | undefined>): string {
  if (backend === 'keychain' || backend === 'secretservice') return `${backend}://dnadesign.notify/${name}`;
  const base = env.HERALD_SECRETS_DIR ?? join(env.HOME ?? homedir(), '.config', 'herald', 'secrets');
  return `file://${join(base, `${name}.webhook`)}`;
}

export async function configureWebhook(f: SecretFlags, name: string, env: Record<string, string | undefined>): Promise<{ source: string; ref: string }> {
  const mode = (f.secretSource ?? 'auto').trim().toLowerCase();
  if (!SOURCES.includes(mode)) throw new UsageError('secret_source must be one of: auto, env, keychain, secretservice, file');
  if (mode === 'env') return { source: 'env', ref: f.urlEnv ?? 'NOTIFY_WEBHOOK' };
  let candidates: string[];
  if (f.secretRef) {
    const scheme = parseSecretRef(f.secretRef).scheme;
    if (mode !== 'auto' && scheme !== mode) throw new UsageError(`--secret-ref scheme '${scheme}' contradicts --secret-source ${mode}`);
    candidates = [f.secretRef];
  } else if (mode === 'auto') {
    candidates = [];
    for (const b of ['keychain', 'secretservice', 'file']) if (await backendAvailable(b, env)) candidates.push(defaultRef(b, name, env));
  } else {
    if (!(await backendAvailable(mode, env))) throw new ConfigError(`secret backend '${mode}' is not available on this system`);
    candidates = [defaultRef(mode, name, env)];
  }
  if (f.storeWebhook === false) return { source: 'secret_ref', ref: candidates[0]! };
  let lastError: unknown;
  for (const ref of candidates) {
    try {
      if (!f.webhookUrl) {
        try {
          await resolveSecretRef(ref, env);
          return { source: 'secret_ref', ref };
        } catch {
          throw new UsageError('webhook_url is required when --store-webhook is enabled', 'pass --webhook-url URL (it is stored, never printed)');
        }
      }
      await storeSecretRef(ref, f.webhookUrl);
      return { source: 'secret_ref', ref };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError ?? new ConfigError('no secret backend could store the webhook');
}

function withSecretOptions(c: Command): Command {
  return c
    .option('--secret-source <s>', 'auto | env | keychain | secretservice | file', 'auto')
    .option('--url-env <name>')
    .option('--secret-ref <uri>', 'file:///path, keychain://service/account, secretservice://service/account')
    .option('--webhook-url <url>', 'stored in the secret backend, never in the profile')
    .option('--store-webhook').option('--no-store-webhook')
    .option('--json');
}

function print(json: boolean | undefined, value: Record<string, unknown>, lines: string[]): void {
  process.stdout.write(json ? pythonJson(value, { sortKeys: true }) + '\n' : lines.join('\n') + '\n');
}

const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`);

async function ensureDir(dir: string): Promise<void> {
  if (existsSync(dir)) return;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError(`failed to create cursor directory: ${dir} (${(error as NodeJS.ErrnoException).code}); check --cursor and --spool-dir`);
  }
}

export function registerSetup(program: Command): void {
  const setup = program.command('setup').description('create dnadesign-compatible webhook refs and profiles');
  withSecretOptions(setup.command('webhook').option('--name <name>', 'secret name', 'default')).action(async (f: SecretFlags & { name: string; json?: boolean }) => {
    const name = sanitize(f.name);
    const webhook = await configureWebhook(f, name, process.env);
    print(f.json, { ok: true, name, webhook }, ['Webhook reference configured.', `  source: ${webhook.source}`, `  ref: ${webhook.ref}`]);
  });

  withSecretOptions(setup.command('slack'))
    .option('--profile <path>')
    .option('--events <path>')
    .option('--tool <name>')
    .option('-c, --config <path>')
    .option('--workspace <name>')
    .option('--policy <name>')
    .option('--cursor <path>')
    .option('--spool-dir <dir>')
    .option('--include-args').option('--include-context').option('--include-raw-event')
    .option('--progress-step-pct <n>').option('--progress-min-seconds <s>').option('--progress-heartbeat-seconds <s>')
    .option('--tls-ca-bundle <path>')
    .option('--force')
    .action(async (f: SecretFlags & Record<string, string | boolean | undefined>) => {
      const cwd = process.cwd();
      const resolverMode = Boolean(f.tool || f.config || f.workspace);
      if (f.events && resolverMode) throw new UsageError('pass either --events or --tool with --config/--workspace, not both');
      if (!f.events && !resolverMode) throw new UsageError('pass either --events or --tool with --config/--workspace');
      const data: Record<string, unknown> = { profile_version: 2, provider: 'slack', include_args: Boolean(f.includeArgs), include_context: Boolean(f.includeContext), include_raw_event: Boolean(f.includeRawEvent) };
      let profilePath: string;
      let events: string;
      let policy = f.policy ? String(f.policy).trim().toLowerCase() : undefined;
      if (policy && !(POLICIES as readonly string[]).includes(policy)) throw new UsageError(`unsupported policy '${policy}'. Supported values: ${POLICIES.join(', ')}`);
      if (resolverMode) {
        if (!f.tool || (f.config === undefined) === (f.workspace === undefined)) throw new UsageError('resolver mode requires --tool with exactly one of --config or --workspace');
        checkTool(String(f.tool));
        const config = f.config ? resolve(cwd, String(f.config)) : resolveWorkspace(String(f.tool), String(f.workspace), cwd, process.env);
        const r = resolveTool(String(f.tool), config, cwd);
        events = r.events;
        data.events_source = { tool: r.tool, config: r.config };
        policy ??= r.policy ?? undefined;
        profilePath = f.profile ? resolve(cwd, String(f.profile)) : defaultProfilePath(r);
      } else {
        events = resolve(cwd, String(f.events));
        try {
          if (!(await checkEventsFile(events))) throw new Error(`events file not found: ${events}`);
        } catch (error) {
          throw new ConfigError((error as Error).message);
        }
        if (!f.profile && !policy) throw new UsageError('default profile path is ambiguous in --events mode; pass --policy or --profile to select a profile namespace');
        profilePath = f.profile ? resolve(cwd, String(f.profile)) : resolve(cwd, 'outputs', 'notify', policy!, 'profile.json');
      }
      data.events = events;
      if (policy) {
        data.policy = policy;
        Object.assign(data, POLICY_DEFAULTS[policy]);
      }
      const pdir = dirname(profilePath);
      data.cursor = f.cursor ? resolve(pdir, String(f.cursor)) : join(pdir, 'cursor');
      data.spool_dir = f.spoolDir ? resolve(pdir, String(f.spoolDir)) : join(pdir, 'spool');
      if (f.tlsCaBundle) {
        const ca = resolve(cwd, String(f.tlsCaBundle));
        if (!existsSync(ca)) throw new ConfigError(`tls_ca_bundle file not found: ${ca}`);
        if (!statSync(ca).isFile()) throw new ConfigError(`tls_ca_bundle path is not a file: ${ca}`);
        data.tls_ca_bundle = ca;
      }
      if (f.progressStepPct !== undefined) data.progress_step_pct = Number(f.progressStepPct);
      if (f.progressMinSeconds !== undefined) data.progress_min_seconds = Number(f.progressMinSeconds);
      if (f.progressHeartbeatSeconds !== undefined) data.progress_heartbeat_seconds = Number(f.progressHeartbeatSeconds);
      // One secret per namespace (§10 #11): the profile directory's path below outputs/notify.
      const ns = sanitize(relative(join(pdir, '..'), pdir) === basename(pdir) && basename(pdir) !== 'notify' ? basename(pdir) : 'default');
      data.webhook = await configureWebhook(f, ns, process.env);
      await ensureDir(pdir);
      await ensureDir(dirname(String(data.cursor)));
      await ensureDir(String(data.spool_dir));
      await writeProfile(profilePath, data, Boolean(f.force));
      const exists = existsSync(events);
      const watchCmd = data.events_source ? `herald watch --tool ${q(String((data.events_source as { tool: string }).tool))} --config ${q((data.events_source as { config: string }).config)}` : `herald watch --profile ${q(profilePath)}`;
      const next = ['Next steps:', ...(exists
        ? [`  1) herald profile doctor --profile ${q(profilePath)}`, `  2) ${watchCmd} --dry-run`, `  3) ${watchCmd} --follow`]
        : ['  1) Submit your tool run (events path is reserved but not created yet).', `  2) ${watchCmd} --follow --wait-for-events --stop-on-terminal-status --idle-timeout 900`])];
      if ((data.webhook as { source: string }).source === 'env') next.push(`  env: export ${(data.webhook as { ref: string }).ref}=<your_webhook_url>`);
      print(f.json as boolean | undefined, { ok: true, profile: profilePath, provider: 'slack', events, cursor: data.cursor, spool_dir: data.spool_dir, policy: policy ?? null, webhook: data.webhook, next_steps: next, events_exists: exists }, [`Profile written: ${profilePath}`, ...next]);
    });

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
      if (f.printPolicy) process.stdout.write(`${r.policy ?? ''}\n`);
      else if (f.json) process.stdout.write(pythonJson({ ok: true, tool: r.tool, config: r.config, events: r.events, policy: r.policy }, { sortKeys: true }) + '\n');
      else process.stdout.write(`${r.events}\n`);
    });

  setup
    .command('list-workspaces')
    .requiredOption('--tool <name>')
    .option('--json')
    .action((f: { tool: string; json?: boolean }) => {
      const names = listWorkspaces(f.tool, process.cwd(), process.env);
      if (f.json) process.stdout.write(pythonJson({ ok: true, tool: f.tool.trim(), workspaces: names }, { sortKeys: true }) + '\n');
      else process.stdout.write(names.length ? names.join('\n') + '\n' : 'No workspaces found.\n');
    });
}
