// Where a new profile's webhook comes from: the `--secret-source` rules (reference §6.3) shared by
// `setup webhook`, `setup slack`, `profile wizard` and `profile smoke`. The profile only ever holds
// a reference; the URL goes to a secret backend. Herald refuses a `--secret-ref` whose scheme
// contradicts an explicit `--secret-source` (§10 #13) and never prompts (batch nodes have no tty).
import type { Command } from 'commander';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { ConfigError, UsageError } from '../core/errors.js';
import { backendAvailable, parseSecretRef, resolveSecretRef, storeSecretRef } from '../profile/secrets.js';

const SOURCES = ['auto', 'env', 'keychain', 'secretservice', 'file'];

export interface SecretFlags {
  secretSource?: string;
  urlEnv?: string;
  secretRef?: string;
  webhookUrl?: string;
  storeWebhook?: boolean;
}

export function sanitize(name: string): string {
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

export function withSecretOptions(c: Command): Command {
  return c
    .option('--secret-source <s>', 'auto | env | keychain | secretservice | file', 'auto')
    .option('--url-env <name>')
    .option('--secret-ref <uri>', 'file:///path, keychain://service/account, secretservice://service/account')
    .option('--webhook-url <url>', 'stored in the secret backend, never in the profile')
    .option('--store-webhook').option('--no-store-webhook')
    .option('--json');
}
