// `herald spool drain` (reference §3.12, §4.9): the dead-letter replay (dead-letters.ts) over a
// dnadesign spool folder: payloads resent in name order through the profile webhook sink, each
// delivered file deleted; then Herald's own queue when a Herald config is given. A malformed spool
// file is reported and kept, never a crash (§10 #4).
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { createRuntimeContext, type RuntimeContext } from '../core/context.js';
import { createHerald } from '../herald.js';
import { loadProfile } from '../profile/schema.js';
import { resolveCaBundle, resolveCommandWebhookUrl } from '../profile/webhook.js';
import { normalizeProvider, providerUrlProblem, type UsrProvider } from '../sinks/usr-webhook-format.js';
import { spoolLetters, replayLetters } from './dead-letters.js';
import { replay } from './dlq.js';
import { profileWebhookSink } from './watch-options.js';
import { topCommand } from './command-index.js';
import { writeErr } from '../core/std-output.js';

interface DrainFlags {
  spoolDir?: string;
  provider?: string;
  url?: string;
  urlEnv?: string;
  secretRef?: string;
  tlsCaBundle?: string;
  profile?: string;
  connectTimeout?: string;
  readTimeout?: string;
  retryMax?: string;
  retryBaseSeconds?: string;
  failFast?: boolean;
  heraldConfig?: string;
  stateDir?: string;
  json?: boolean;
}

export function registerSpool(program: Command): void {
  topCommand(program, 'spool')
    .command('drain')
    .description('resend spooled payloads (and replay Herald dead letters with --herald-config)')
    .option('--spool-dir <dir>')
    .option('--provider <name>')
    .option('--url <url>')
    .option('--url-env <name>')
    .option('--secret-ref <uri>', 'file:///path, env://NAME, keychain://…, secretservice://…')
    .option('--tls-ca-bundle <path>')
    .option('--profile <path>')
    .option('--connect-timeout <s>', '', '5')
    .option('--read-timeout <s>', '', '10')
    .option('--retry-max <n>', '', '3')
    .option('--retry-base-seconds <s>', '', '0.5')
    .option('--fail-fast')
    .option('--herald-config <path>', 'also replay the dead-letter queue of this Herald config')
    .option('--state-dir <dir>')
    .option('--json', 'one JSON object per replayed letter on stdout (as send --json); problems on stderr')
    .action(async (flags: DrainFlags) => {
      process.exitCode = await drain(flags);
    });
}

async function drain(f: DrainFlags): Promise<number> {
  const ctx = createRuntimeContext();
  // The timeout and retry flags are checked now, not only when a spooled file needs a sink: an
  // empty spool must not make `--retry-max abc` look accepted.
  profileWebhookSink(f, { url: 'http://flags.check/', provider: 'generic' });
  const profile = f.profile ? await loadProfile(f.profile, ctx.cwd) : undefined;
  let code = 0;
  if (f.spoolDir || profile?.spoolDir || !f.heraldConfig) {
    const dir = f.spoolDir ? resolve(ctx.cwd, f.spoolDir) : profile?.spoolDir;
    if (!dir) throw new ConfigError('spool_dir is required; pass --spool-dir or provide it in --profile');
    if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new ConfigError(`spool directory not found: ${dir}`);
    const url = await resolveCommandWebhookUrl({ url: f.url, urlEnv: f.urlEnv, secretRef: f.secretRef }, profile, ctx.env);
    ctx.redactor.add(url);
    const caBundle = await resolveCaBundle(url, [f.tlsCaBundle, profile?.tlsCaBundle], ctx.env);
    code = await drainSpool(dir, url, caBundle, f, profile?.provider, ctx);
  }
  if (f.heraldConfig) code = Math.max(code, await replay({ config: f.heraldConfig, stateDir: f.stateDir, failFast: f.failFast, json: f.json }));
  return code;
}

/**
 * The spool's files replayed through a profile webhook sink per provider (a file names its own,
 * unless --provider overrides it), in name order; a delivered file is removed, any other is kept.
 */
async function drainSpool(dir: string, url: string, caBundle: string | undefined, f: DrainFlags, profileProvider: string | undefined, ctx: RuntimeContext): Promise<number> {
  const sinks = new Map<UsrProvider, Record<string, unknown>>();
  const sinkFor = (fileProvider: string | undefined): string | undefined | Error => {
    const raw = f.provider ?? fileProvider ?? profileProvider;
    if (raw === undefined) return undefined;
    let provider: UsrProvider;
    try {
      provider = normalizeProvider(raw);
    } catch (error) {
      return error as Error;
    }
    const problem = providerUrlProblem(provider, url);
    if (problem) return new Error(problem);
    if (!sinks.has(provider)) sinks.set(provider, { ...profileWebhookSink(f, { url, provider }), id: `spool-${provider}` });
    return `spool-${provider}`;
  };
  const { letters, problems } = await spoolLetters(dir, sinkFor, ctx.clock.nowMs());
  // Nothing is kept on this run's behalf: a file that still fails stays in the spool.
  const herald = await createHerald({ configText: 'notifications: {}\n', sinks: [...sinks.values()], state: { state: 'none' }, caBundle, context: { redactor: ctx.redactor } });
  try {
    for (const problem of problems) writeErr(`${ctx.redactor.redact(problem)}\n`);
    if (problems.length && f.failFast) {
      writeErr(`Notification failed: ${ctx.redactor.redact(problems[0]!)}\n`);
      return 1;
    }
    const { failed } = await replayLetters(herald, letters, { failFast: f.failFast, json: f.json });
    const total = failed + problems.length;
    if (total) {
      writeErr(`Notification failed: ${total} spool file(s) failed delivery\n`);
      return 1;
    }
    return 0;
  } finally {
    await herald.close();
  }
}
