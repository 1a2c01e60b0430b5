// The profile webhook (reference §6.4, §7): resolve exactly one source, check the provider's URL,
// require an explicit CA bundle for https (dnadesign's rule), and POST with retries. Every
// transport error — refused, reset, read timeout — is a delivery failure that is retried and then
// spooled, never a crash (§10 #4). Each POST carries `Idempotency-Key: <event id>`, so a receiver can
// drop the one resend that a crash between the POST and the cursor write can cause.
import { access, constants, stat } from 'node:fs/promises';
import { ConfigError } from '../../core/errors.js';
import { classifyHttpResponse, type HttpClient } from '../../sinks/http.js';
import { TransientError } from '../../core/errors.js';
import { resolveSecretRef } from '../../profile/secrets.js';

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

export async function resolveWebhookUrl(source: WebhookSources, env: Record<string, string | undefined>): Promise<string> {
  let value: string | undefined;
  if (source.url !== undefined) value = source.url;
  else if (source.urlEnv !== undefined) {
    value = env[source.urlEnv];
    if (!value || !value.trim()) throw new ConfigError(`--url-env ${source.urlEnv} is not set or empty.`);
  } else value = await resolveSecretRef(source.secretRef!, env);
  value = value.trim();
  if (!value) throw new ConfigError('Webhook URL is empty.');
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError('Webhook URL must be http(s) with a host.');
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) throw new ConfigError('Webhook URL must be http(s) with a host.');
  return value;
}

/** --tls-ca-bundle, then the profile's tls_ca_bundle, then SSL_CERT_FILE (§7). */
export async function resolveCaBundle(url: string, candidates: (string | undefined)[], env: Record<string, string | undefined>): Promise<string | undefined> {
  const bundle = [...candidates, env.SSL_CERT_FILE].find((v) => v !== undefined && v !== '');
  const https = url.startsWith('https:');
  if (!bundle) {
    if (https) throw new ConfigError('HTTPS webhook delivery requires an explicit CA bundle. Pass --tls-ca-bundle or set SSL_CERT_FILE.');
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

export interface SenderOptions {
  timeoutMs: number;
  retryMax: number;
  retryBaseSeconds: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  nowMs: () => number;
}

const MAX_RETRY_AFTER_MS = 60_000;

export class WebhookSender {
  constructor(private readonly http: HttpClient, readonly url: string, private readonly o: SenderOptions) {}

  /** Resolves to null on success, or the last error message after every attempt failed. */
  async post(body: string, eventId: string): Promise<string | null> {
    let lastError = '';
    for (let attempt = 0; attempt <= this.o.retryMax; attempt++) {
      let retryAfter: number | undefined;
      try {
        const response = await this.http.send({
          method: 'POST',
          url: this.url,
          headers: { 'content-type': 'application/json', 'user-agent': 'dnadesign-notify (herald)', 'idempotency-key': eventId },
          body,
          timeoutMs: this.o.timeoutMs,
        });
        classifyHttpResponse(response, '<webhook>', this.o.nowMs());
        return null;
      } catch (error) {
        lastError = `Webhook delivery failed: ${(error as Error).message}`;
        if (error instanceof TransientError) retryAfter = error.retryAfterMs;
      }
      if (attempt === this.o.retryMax) break;
      const base = this.o.retryBaseSeconds;
      const backoff = base > 0 ? (base * 2 ** attempt + this.o.random() * base) * 1000 : 0;
      await this.o.sleep(Math.max(backoff, Math.min(retryAfter ?? 0, MAX_RETRY_AFTER_MS)));
    }
    return lastError;
  }
}
