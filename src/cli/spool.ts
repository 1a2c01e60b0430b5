// `herald spool drain` (reference §3.12, §4.9): resend spooled payloads in name order, delete each
// one that was delivered; then drain Herald's own dead-letter queue when a Herald config is given.
// A malformed spool file is reported and kept, never a crash (§10 #4).
import type { Command } from 'commander';
import { readFile, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { createRuntimeContext } from '../core/context.js';
import { createHttpClient } from '../sinks/http.js';
import { loadProfile } from '../profile/schema.js';
import { formatPayload, normalizeProvider, validateProviderUrl } from '../sources/usr-events/providers.js';
import { listSpoolFiles } from '../sources/usr-events/spool.js';
import { postBody } from '../sources/usr-events/python-json.js';
import { pickWebhookSource, resolveCaBundle, resolveWebhookUrl, WebhookSender } from '../sources/usr-events/webhook.js';
import type { NotifyPayload } from '../sources/usr-events/payload.js';
import { replay } from './dlq.js';
import { senderOptions } from './watch-options.js';
import { createHash } from 'node:crypto';

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
}

export function registerSpool(program: Command): void {
  program
    .command('spool')
    .description('dnadesign notify spool')
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
    .action(async (flags: DrainFlags) => {
      process.exitCode = await drain(flags);
    });
}

async function drain(f: DrainFlags): Promise<number> {
  const ctx = createRuntimeContext();
  const profile = f.profile ? await loadProfile(f.profile, ctx.cwd) : undefined;
  let code = 0;
  if (f.spoolDir || profile?.spoolDir || !f.heraldConfig) {
    const dir = f.spoolDir ? resolve(ctx.cwd, f.spoolDir) : profile?.spoolDir;
    if (!dir) throw new ConfigError('spool_dir is required; pass --spool-dir or provide it in --profile');
    if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new ConfigError(`spool directory not found: ${dir}`);
    const profileSource = profile ? (profile.webhook.source === 'env' ? { urlEnv: profile.webhook.ref } : { secretRef: profile.webhook.ref }) : undefined;
    const url = await resolveWebhookUrl(pickWebhookSource({ url: f.url, urlEnv: f.urlEnv, secretRef: f.secretRef }, profileSource), ctx.env);
    ctx.redactor.add(url);
    const ca = await resolveCaBundle(url, [f.tlsCaBundle, profile?.tlsCaBundle], ctx.env);
    const http = createHttpClient({ env: { ...ctx.env, SSL_CERT_FILE: undefined }, caBundle: ca });
    const sender = new WebhookSender(http, url, senderOptions(f, ctx));
    let failed = 0;
    try {
      for (const file of await listSpoolFiles(dir)) {
        const error = await drainFile(file, f.provider, profile?.provider, url, sender);
        if (error === null) {
          await rm(file, { force: true });
          continue;
        }
        failed++;
        const message = ctx.redactor.redact(error);
        if (f.failFast) {
          process.stderr.write(`Notification failed: ${message}\n`);
          return 1;
        }
        process.stderr.write(`${message}\n`);
      }
    } finally {
      await http.close();
    }
    if (failed) {
      process.stderr.write(`Notification failed: ${failed} spool file(s) failed delivery\n`);
      code = 1;
    }
  }
  if (f.heraldConfig) code = Math.max(code, await replay({ config: f.heraldConfig, stateDir: f.stateDir, failFast: f.failFast }));
  return code;
}

async function drainFile(file: string, cliProvider: string | undefined, profileProvider: string | undefined, url: string, sender: WebhookSender): Promise<string | null> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return `invalid spool payload file: ${file}`;
  }
  const record = data as Record<string, unknown> | null;
  if (!record || typeof record !== 'object' || Array.isArray(record) || !record.payload || typeof record.payload !== 'object' || Array.isArray(record.payload)) return `invalid spool payload file: ${file}`;
  if (record.provider !== undefined && (typeof record.provider !== 'string' || !record.provider.trim())) return `invalid spool payload provider value: ${file}`;
  const provider = cliProvider ?? (record.provider as string | undefined) ?? profileProvider;
  if (!provider) return `spool payload missing provider: ${file}. Pass --provider or include provider in spool files.`;
  try {
    validateProviderUrl(normalizeProvider(provider), url);
    const body = postBody(formatPayload(provider, record.payload as NotifyPayload));
    return await sender.post(body, createHash('sha256').update(file).digest('hex').slice(0, 32));
  } catch (error) {
    return (error as Error).message;
  }
}
