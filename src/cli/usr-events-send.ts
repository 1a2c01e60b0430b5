// `herald usr-events send` (dnadesign `notify send`, reference §3.1): the one-shot status message a
// job script sends. dnadesign's flags, order of checks and messages; delivered through the same
// `usr_webhook` sink as `watch` (one retry policy, one HTTP client, one CA rule), never dead-lettered
// (a one-shot send that fails says so and exits 1, as dnadesign's).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../core/errors.js';
import { createRuntimeContext } from '../core/context.js';
import { ExactInt, PyFloat, pythonFloat } from '../core/python-format.js';
import { encodeJsonString } from '../core/python-json.js';
import { createHerald } from '../herald.js';
import { pickWebhookSource, resolveCaBundle, resolveWebhookUrl } from '../profile/webhook.js';
import { formatUsrPayload, normalizeProvider, providerUrlProblem, ProviderError, type UsrPayload, type UsrProvider } from '../sinks/usr-webhook-format.js';
import { parseRecordText } from '../sources/usr-events/json.js';
import { pythonUtcNow } from '../sources/usr-events/payload.js';
import { usrPayloadToEvent } from '../sources/usr-events/to-event.js';
import { PROFILE_WEBHOOK_ID } from './watch-options.js';
import { topCommand } from './command-index.js';
import { writeErr, writeOut } from '../core/std-output.js';

interface SendFlags {
  status: string;
  tool: string;
  runId: string;
  provider: string;
  url?: string;
  urlEnv?: string;
  secretRef?: string;
  tlsCaBundle?: string;
  message?: string;
  meta?: string;
  timeout: string;
  retries: string;
  dryRun?: boolean;
}

const STATUSES = ['failure', 'running', 'started', 'success'];

export function registerUsrEventsSend(program: Command): void {
  const usr = topCommand(program, 'usr-events');
  usr
    .command('send')
    .description('send one status message to a profile webhook (dnadesign notify send)')
    .requiredOption('--status <status>', 'success | failure | started | running')
    .requiredOption('--tool <name>')
    .requiredOption('--run-id <id>')
    .requiredOption('--provider <name>', 'generic | slack | discord')
    .option('--url <url>', 'webhook URL')
    .option('--url-env <name>', 'environment variable holding the webhook URL')
    .option('--secret-ref <uri>', 'file:///path, env://NAME, keychain://service/account, secretservice://service/account')
    .option('--tls-ca-bundle <path>', 'CA bundle for https webhooks (or SSL_CERT_FILE, NODE_EXTRA_CA_CERTS)')
    .option('--message <text>')
    .option('--meta <path>', 'a JSON file holding an object, sent as `meta`')
    .option('--timeout <seconds>', 'per request', '10')
    .option('--retries <n>', 'retries after a failure, 1, 2, 4… seconds apart', '0')
    .option('--dry-run', 'print the formatted payload; send nothing')
    .option('--no-dry-run')
    .action(async (flags: SendFlags) => {
      process.exitCode = await usrEventsSend(flags);
    });
}

export async function usrEventsSend(f: SendFlags): Promise<number> {
  const ctx = createRuntimeContext();
  // 1. The webhook, even for a dry run (dnadesign resolves it first).
  const url = await resolveWebhookUrl(pickWebhookSource({ url: f.url, urlEnv: f.urlEnv, secretRef: f.secretRef }, undefined), ctx.env);
  ctx.redactor.add(url);
  // 2. The Slack host check (an unknown provider is reported when formatting, step 5).
  const known = tryProvider(f.provider);
  const hostProblem = known && providerUrlProblem(known, url);
  if (hostProblem) throw new ConfigError(hostProblem);
  // 3. --meta, 4. the payload.
  const meta = f.meta === undefined ? {} : await readMeta(resolve(ctx.cwd, f.meta));
  const status = f.status.trim().toLowerCase();
  if (!STATUSES.includes(status)) throw new ConfigError(`status must be one of: ${STATUSES.join(', ')}`);
  if (!f.tool.trim()) throw new ConfigError('tool must be a non-empty string');
  if (!f.runId.trim()) throw new ConfigError('run_id must be a non-empty string');
  const payload: UsrPayload = { status, tool: f.tool, run_id: f.runId, timestamp: pythonUtcNow(ctx.clock.nowMs()), meta, ...(f.message ? { message: f.message } : {}) };
  // 5. Formatting for the provider.
  let provider: UsrProvider;
  try {
    provider = normalizeProvider(f.provider);
  } catch (error) {
    throw new ConfigError((error as ProviderError).message);
  }
  const formatted = formatUsrPayload(provider, payload);
  // 6. A dry run prints json.dumps(indent=2, sort_keys=True) and checks no TLS, as dnadesign's.
  if (f.dryRun) {
    writeOut(`${ctx.redactor.redact(indentedSortedJson(formatted))}\n`);
    return 0;
  }
  // 7. The CA bundle, then the POST through the usr_webhook sink.
  const caBundle = await resolveCaBundle(url, [f.tlsCaBundle], ctx.env);
  const timeoutS = Number(f.timeout);
  if (!(timeoutS > 0)) throw new ConfigError(`timeout must be > 0; got '${f.timeout}'`);
  const retries = Number(f.retries);
  if (!Number.isInteger(retries) || retries < 0) throw new ConfigError(`retries must be a whole number >= 0; got '${f.retries}'`);
  const sink = {
    id: PROFILE_WEBHOOK_ID,
    kind: 'usr_webhook',
    url,
    provider,
    timeout_s: timeoutS,
    digest: false,
    // dnadesign: after failed attempt k the sleep is 2^(k-1) s, no jitter (§7).
    retry: { max_attempts: Math.min(20, retries + 1), initial_delay_ms: 1000, backoff_factor: 2, max_delay_ms: 600_000, jitter: 0 },
  };
  const eventId = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 32);
  const herald = await createHerald({ configText: 'notifications: {}\n', sinks: [sink], state: { state: 'none' }, caBundle, context: { redactor: ctx.redactor } });
  try {
    const [outcome] = await herald.deliver([usrPayloadToEvent(payload as never, eventId, ctx.clock.nowMs())], { deadLetter: false });
    if (outcome?.outcome !== 'delivered') {
      writeErr(`Notification failed: ${ctx.redactor.redact(`Webhook delivery failed: ${outcome?.error ?? outcome?.outcome ?? 'no sink'}`)}\n`);
      return 1;
    }
    writeOut('Notification sent.\n');
    return 0;
  } finally {
    await herald.close();
  }
}

function tryProvider(value: string): UsrProvider | undefined {
  try {
    return normalizeProvider(value);
  } catch {
    return undefined;
  }
}

async function readMeta(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError(`meta file not found: ${path}`);
  }
  let value: unknown;
  try {
    // Python float spellings (`1.0`) and NaN come back as written.
    value = parseRecordText(text, { keepFloats: true });
  } catch {
    throw new ConfigError(`meta file is not valid JSON: ${path}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError('meta file must contain a JSON object');
  return value as Record<string, unknown>;
}

/** json.dumps(value, indent=2, sort_keys=True): "," at line ends, ": " after keys, ASCII-escaped. */
export function indentedSortedJson(value: unknown, level = 0): string {
  const pad = (n: number) => '  '.repeat(n);
  if (value === null || value === undefined) return 'null';
  if (value instanceof PyFloat) return pythonFloat(value.value);
  if (value instanceof ExactInt) return value.text;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return encodeJsonString(value);
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => pad(level + 1) + indentedSortedJson(v, level + 1)).join(',\n')}\n${pad(level)}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  if (!keys.length) return '{}';
  return `{\n${keys.map((k) => `${pad(level + 1)}${encodeJsonString(k)}: ${indentedSortedJson(record[k], level + 1)}`).join(',\n')}\n${pad(level)}}`;
}
