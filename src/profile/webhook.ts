// The profile webhook's address (reference §6.4, §7): exactly one source (a URL, an environment
// variable, a secret ref), an http(s) URL with a host, and the CA bundle dnadesign requires for
// https. Delivery itself is the `usr_webhook` sink's (src/sinks/usr-webhook.ts).
import { access, constants, stat } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';
import { urlLengthProblem } from '../core/url-length.js';
import { resolveSecretRef } from './secrets.js';

export interface WebhookSources {
  url?: string;
  urlEnv?: string;
  secretRef?: string;
}

/** CLI sources replace the profile's webhook entirely (§10 #14); exactly one must remain. */
export function pickWebhookSource(cli: WebhookSources, profile: WebhookSources | undefined): WebhookSources {
  const fromCli = [cli.url, cli.urlEnv, cli.secretRef].filter((v) => v !== undefined).length;
  const chosen = fromCli ? cli : (profile ?? {});
  const count = [chosen.url, chosen.urlEnv, chosen.secretRef].filter((v) => v !== undefined).length;
  if (count !== 1) throw new ConfigError('Specify exactly one of --url, --url-env, or --secret-ref.');
  return chosen;
}

/** A profile's webhook as the sources the flags would name (`webhook.source` env or secret_ref). */
export function profileWebhookSources(profile: { webhook: { source: 'env' | 'secret_ref'; ref: string } }): WebhookSources {
  return profile.webhook.source === 'env' ? { urlEnv: profile.webhook.ref } : { secretRef: profile.webhook.ref };
}

/** The URL a command posts to: the flags' source if any, else the profile's; checked as below. */
export async function resolveCommandWebhookUrl(cli: WebhookSources, profile: Parameters<typeof profileWebhookSources>[0] | undefined, env: Record<string, string | undefined>): Promise<string> {
  return resolveWebhookUrl(pickWebhookSource(cli, profile && profileWebhookSources(profile)), env);
}

export async function resolveWebhookUrl(source: WebhookSources, env: Record<string, string | undefined>): Promise<string> {
  let value: string | undefined;
  if (source.url !== undefined) value = source.url;
  else if (source.urlEnv !== undefined) {
    value = env[source.urlEnv];
    if (!value || !value.trim()) throw new ConfigError(`--url-env ${source.urlEnv} is not set or empty.`);
  } else value = await resolveSecretRef(source.secretRef!, env);
  value = value.trim();
  if (!value) throw new ConfigError('Webhook URL is empty.');
  const tooLong = urlLengthProblem(value);
  if (tooLong) throw new ConfigError(`Webhook URL: ${tooLong}.`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError('Webhook URL must be http(s) with a host.');
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) throw new ConfigError('Webhook URL must be http(s) with a host.');
  return value;
}

/**
 * --tls-ca-bundle, then the profile's tls_ca_bundle, then SSL_CERT_FILE (§7). dnadesign refuses
 * https without one; Herald also takes NODE_EXTRA_CA_CERTS, which its HTTP client reads as well.
 */
export async function resolveCaBundle(url: string, candidates: (string | undefined)[], env: Record<string, string | undefined>): Promise<string | undefined> {
  const bundle = [...candidates, env.SSL_CERT_FILE, env.NODE_EXTRA_CA_CERTS].find((v) => v !== undefined && v !== '');
  const https = url.startsWith('https:');
  if (!bundle) {
    if (https) throw new ConfigError('HTTPS webhook delivery requires an explicit CA bundle. Pass --tls-ca-bundle or set SSL_CERT_FILE (or NODE_EXTRA_CA_CERTS).');
    return undefined;
  }
  let info;
  try {
    info = await stat(bundle);
  } catch {
    throw new ConfigError(`CA bundle file not found: ${bundle}`);
  }
  if (!info.isFile()) throw new ConfigError(https ? `CA bundle file not found: ${bundle}` : `CA bundle path is not a file: ${bundle}`);
  try {
    await access(bundle, constants.R_OK);
  } catch {
    throw new ConfigError(`CA bundle file is not readable: ${bundle}`);
  }
  return https ? bundle : undefined;
}
