// Stand-ins for every service a doc or example names, all on 127.0.0.1: one HTTP receiver that
// answers the way each service's API expects (Slack's "ok", Telegram's {ok: true}, PagerDuty's
// 202, Jira's issue key…), an SMTP server with STARTTLS, and Redis when redis-server is installed.
// A config or a shell line is rewritten to reach them: each service URL keeps its path under
// /sink/<scope>/<sink id>, each ${VAR} gets a value (URLs → /env/<scope>/<VAR>), SMTP hosts and
// service base URLs point at the doubles. A service added later needs nothing here when its URL is
// in the config or in a ${VAR}; one with a built-in default URL gets its key in BASE_URL_KEYS.
import { mkdir, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { startReceiver, type Receiver, type ReceivedRequest } from './receiver.js';
import { startSmtp, type SmtpDouble } from './smtp.js';
import { selfSignedCertificate, type TestCertificate } from './cert.js';
import { freePort, redisSkipReason, startRedis, type RedisServer } from './redis.js';

/**
 * Sink kinds whose service URL has a built-in default, and the key that overrides it (for Slack
 * only in Web API mode, with a token: a webhook's URL is in the config already).
 */
export const BASE_URL_KEYS: Record<string, string | ((has: (key: string) => boolean) => string | undefined)> = {
  telegram: 'api_base_url',
  pagerduty: 'url',
  webex: 'api_base_url',
  pushover: 'api_base_url',
  slack: (has) => (has('token') ? 'api_base_url' : undefined),
};

/** One value for every secret-shaped variable: also the password the SMTP double accepts. */
export const SECRET = 's3cret-value-for-tests-0123456789';
const TELEGRAM_TOKEN = '123456789:AAFakeTokenForHeraldTestsOnly00000';

export interface Loopback {
  http: Receiver;
  smtp: SmtpDouble;
  cert: TestCertificate;
  redis?: RedisServer;
  /** A Redis URL: the real one, or a closed port (configs with on_unavailable: dir fall back). */
  redisUrl: string;
  /** Requests that arrived under /sink/<scope>/ or /env/<scope>/. */
  requestsFor(scope: string): ReceivedRequest[];
  close(): Promise<void>;
}

/** An answer every service's client takes as success. */
function serviceReply(req: ReceivedRequest): { status: number; json?: unknown; body?: string } {
  if (/\/sendMessage$/.test(req.path)) return { status: 200, json: { ok: true, result: { message_id: 1 } } };
  if (/\/rest\/api\/\d\/search/.test(req.path)) return { status: 200, json: { issues: [], total: 0 } };
  if (/\/rest\/api\/\d\/issue/.test(req.path)) return { status: 201, json: { id: '10001', key: 'OPS-1' } };
  if (/enqueue$/.test(req.path)) return { status: 202, json: { status: 'success', message: 'Event processed', dedup_key: 'k' } };
  if (/hooks\/|services\//.test(req.path) && !/\/api\/webhooks\//.test(req.path)) return { status: 200, body: 'ok' };
  return { status: 200, json: { ok: true, success: true, status: 1, id: '1', event_id: '$1', name: 'spaces/AAA/messages/1', channel: 'C0123456789', ts: '1700000000.000100', result: {} } };
}

export async function startLoopback(): Promise<Loopback> {
  const cert = await selfSignedCertificate();
  const http = await startReceiver((req) => serviceReply(req));
  // Any user logs in with SECRET, the value every password variable gets.
  const users = new Proxy({}, { get: () => SECRET }) as Record<string, string>;
  const smtp = await startSmtp({ tls: cert, users });
  const redis = redisSkipReason() ? undefined : await startRedis();
  const redisUrl = redis?.url ?? `redis://127.0.0.1:${await freePort()}`;
  return {
    http,
    smtp,
    cert,
    redis,
    redisUrl,
    requestsFor: (scope) => http.requests.filter((r) => r.path.startsWith(`/sink/${scope}/`) || r.path.startsWith(`/env/${scope}/`)),
    async close() {
      await http.close();
      await smtp.close();
      await redis?.close();
    },
  };
}

/** A value for a variable, by what its name says it holds. */
export function valueFor(name: string, lb: Loopback, scope: string): string {
  if (/REDIS/.test(name) && /URL/.test(name)) return lb.redisUrl;
  if (/URL|WEBHOOK|ENDPOINT|BASE/.test(name)) return `${lb.http.url}/env/${scope}/${name}`;
  if (/TELEGRAM.*TOKEN|BOT_TOKEN/.test(name)) return TELEGRAM_TOKEN;
  if (/CHAT_ID/.test(name)) return '-1001234567890';
  if (/EMAIL|_USER$|USERNAME/.test(name)) return 'bot@example.org';
  return SECRET;
}

/**
 * A service URL (docs/sinks.md, Service URLs) for a variable that holds one: Pushover's own scheme
 * with its API base on the loopback, otherwise json://, which any endpoint takes.
 */
export function serviceUrlFor(name: string, lb: Loopback, scope: string): string {
  const base = `${lb.http.url}/env/${scope}/${name}`;
  if (/PUSHOVER/.test(name)) return `pover://uQiRzpo4DXghDmr9QzzfQu27cmVRsG@azGDORePK8gMaC0QOYAMyEEuzJnyUi?api_base_url=${encodeURIComponent(base)}`;
  return `json://${base.slice('http://'.length)}`;
}

/** Values for every ${VAR} the text uses (not $${VAR}, the escape). */
export function envFor(text: string, lb: Loopback, scope: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) env[m[1]!] = valueFor(m[1]!, lb, scope);
  return env;
}

/** A URL's scheme and host replaced by the receiver's, under /sink/<scope>/<sinkId>. */
function toReceiver(value: string, lb: Loopback, scope: string, sinkId: string): string {
  return value.replace(/^https?:\/\/[^/\s$]+/i, `${lb.http.url}/sink/${scope}/${sinkId}`);
}

function rewriteStrings(node: Node | null, rewrite: (s: string) => string): void {
  if (isMap(node)) for (const pair of node.items) rewriteStrings(pair.value as Node, rewrite);
  else if (isSeq(node)) for (const item of node.items) rewriteStrings(item as Node, rewrite);
  else if (isScalar(node) && typeof node.value === 'string') node.value = rewrite(node.value);
}

export interface LoopbackConfig {
  text: string;
  env: Record<string, string>;
  /** Enabled sinks: id and kind. */
  sinks: { id: string; kind: string; vars: string[] }[];
}

/**
 * The config made to deliver to the doubles. `dir` is where it will be written: a shell sink's
 * program is replaced by a recorder there (its arguments kept), appending what it got to
 * shell-received.jsonl.
 */
export async function loopbackConfig(yamlText: string, lb: Loopback, scope: string, dir: string): Promise<LoopbackConfig> {
  const doc = parseDocument(yamlText);
  const notifications = doc.get('notifications', true);
  const sinks: LoopbackConfig['sinks'] = [];
  const serviceUrls: Record<string, string> = {};
  const sinkNodes = isMap(notifications) ? notifications.get('sinks', true) : undefined;
  if (isSeq(sinkNodes)) {
    for (const sink of sinkNodes.items) {
      if (!isMap(sink)) continue;
      const id = String(sink.get('id'));
      // A sink written as one service URL (no kind): the URL, or the variable holding it, on the loopback.
      const kind = String(sink.get('kind') ?? 'service-url');
      if (kind === 'service-url') {
        const url = String(sink.get('url') ?? '');
        const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(url);
        if (whole) serviceUrls[whole[1]!] = serviceUrlFor(whole[1]!, lb, scope);
        else sink.set('url', `json://${lb.http.url.slice('http://'.length)}/sink/${scope}/${id}`);
      }
      rewriteStrings(sink as Node, (s) => toReceiver(s, lb, scope, id));
      const rule = BASE_URL_KEYS[kind];
      const baseKey = typeof rule === 'function' ? rule((key) => sink.has(key)) : rule;
      if (baseKey && !sink.has(baseKey)) sink.set(baseKey, `${lb.http.url}/sink/${scope}/${id}`);
      if (kind === 'email' || kind === 'email_smtp') {
        sink.set('host', '127.0.0.1');
        sink.set('port', lb.smtp.port);
        if (sink.get('ssl') !== true) sink.set('tls_ca_bundle', lb.cert.certPath);
      }
      if (kind === 'shell') {
        const recorder = await shellRecorder(dir);
        const command = sink.get('command', true);
        if (isSeq(command) && command.items.length) command.items[0] = doc.createNode(recorder);
        else sink.set('command', [recorder]);
        sink.delete('cwd');
      }
      const vars = [...String(sink).matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
      if (sink.get('enabled') !== false) sinks.push({ id, kind, vars });
    }
  }
  const state = isMap(notifications) ? notifications.get('state', true) : undefined;
  if (isMap(state) && state.get('backend') === 'redis' && !String(state.get('url') ?? '').startsWith('${')) {
    state.set('url', lb.redisUrl);
    if (!lb.redis) state.set('on_unavailable', 'dir');
  }
  const text = doc.toString();
  return { text, env: { ...envFor(text, lb, scope), ...serviceUrls }, sinks };
}

async function shellRecorder(dir: string): Promise<string> {
  const path = join(dir, 'shell-recorder.sh');
  await mkdir(dir, { recursive: true });
  await writeFile(path, `#!/bin/bash\n{ printf '{"sink":"%s","args":"%s","event":' "$HERALD_NOTIFY_SINK_ID" "$*"; cat; printf '}\\n'; } >> "${join(dir, 'shell-received.jsonl')}"\n`);
  await chmod(path, 0o755);
  return path;
}
