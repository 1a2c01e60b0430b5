// A whole sink as one URL, in Apprise's syntax (`gotify://host/TOKEN`, `tgram://BOT/CHAT`…) or a
// service's own webhook URL recognised by its host: one secret, one action input, one `--to`. The
// URL becomes `{kind, ...keys}` and is checked like any written sink afterwards. Errors never
// repeat the URL: all of it may be secret.
import { ConfigError } from '../core/errors.js';
import { SCHEME_BUILDERS, type ParsedUrl, type ServiceSink } from './service-url-schemes.js';

export type { ServiceSink } from './service-url-schemes.js';

/** Webhook hosts recognised in a plain http(s) URL, and the kind each one is. */
const WEBHOOK_HOSTS: { kind: string; key: string; test: (host: string, path: string) => boolean }[] = [
  { kind: 'slack', key: 'webhook_url', test: (h, p) => /^hooks\.slack(-gov)?\.com$/.test(h) && p.startsWith('/services/') },
  { kind: 'discord', key: 'webhook_url', test: (h, p) => /^(ptb\.|canary\.)?discord(app)?\.com$/.test(h) && p.startsWith('/api/webhooks/') },
  { kind: 'msteams', key: 'webhook_url', test: (h) => /(^|\.)(logic\.azure\.com|powerplatform\.com|webhook\.office\.com)$/.test(h) },
  { kind: 'googlechat', key: 'webhook_url', test: (h) => h === 'chat.googleapis.com' },
  { kind: 'ntfy', key: 'url', test: (h) => h === 'ntfy.sh' },
];

export const SERVICE_URL_SCHEMES = Object.keys(SCHEME_BUILDERS);

const SCHEMES_HELP =
  `use one of ${SERVICE_URL_SCHEMES.map((s) => `${s}://`).join(', ')}; ` +
  'or a webhook URL of hooks.slack.com, discord.com, a Teams workflow (*.logic.azure.com, *.powerplatform.com), chat.googleapis.com or ntfy.sh ' +
  '(docs/sinks.md, "Service URLs")';

/** The sink a URL stands for, with every secret part of it; a ConfigError when nothing matches. */
export function sinkFromServiceUrl(text: string): ServiceSink {
  const parsed = parseServiceUrl(text.trim());
  if (!parsed) throw new ConfigError('not a service URL (expected scheme://…)', { fix: SCHEMES_HELP });
  let sink: ServiceSink;
  if (parsed.scheme === 'http' || parsed.scheme === 'https') {
    sink = fromWebhookUrl(text.trim(), parsed);
  } else {
    const build = SCHEME_BUILDERS[parsed.scheme];
    if (!build) throw new ConfigError(`unknown service URL scheme '${parsed.scheme}://'`, { fix: SCHEMES_HELP });
    sink = build(parsed);
  }
  return { config: sink.config, secrets: [...new Set([text.trim(), ...sink.secrets].filter(Boolean))] };
}

function fromWebhookUrl(text: string, parsed: ParsedUrl): ServiceSink {
  const host = parsed.host.toLowerCase();
  const path = `/${parsed.segments.join('/')}`;
  const match = WEBHOOK_HOSTS.find((h) => h.test(host, path));
  if (!match) {
    throw new ConfigError(`an ${parsed.scheme}:// URL is recognised only for Slack, Discord, Teams, Google Chat and ntfy.sh webhooks`, {
      fix: 'for any other endpoint write json://host/path (http) or jsons://host/path (https), which POSTs the event as JSON; or ' + SCHEMES_HELP,
    });
  }
  return { config: { kind: match.kind, [match.key]: text }, secrets: [text] };
}

/**
 * Split by hand rather than with `URL`: Apprise's URLs put tokens where a host or port would be
 * (`tgram://123456:ABC-DEF/…` is not a valid port), and `#channel` is a target, not a fragment.
 */
export function parseServiceUrl(text: string): ParsedUrl | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/is.exec(text);
  if (!match) return undefined;
  const [, scheme, authority = '', path = '', query = '', fragment] = match;
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? undefined : authority.slice(0, at);
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  const colon = userinfo?.indexOf(':') ?? -1;
  const portMatch = /^(\[[^\]]*\]|[^:]*):(\d+)$/.exec(hostPort);
  const segments = path.split('/').filter(Boolean).map(decode);
  if (fragment !== undefined && fragment !== '') segments.push(`#${decode(fragment)}`);
  const params = new Map<string, string>();
  for (const pair of query.split('&').filter(Boolean)) {
    const equals = pair.indexOf('=');
    // No "+" → space here: Apprise's json:// headers are written `?+X-Key=value`.
    params.set(decode(equals === -1 ? pair : pair.slice(0, equals)), equals === -1 ? '' : decode(pair.slice(equals + 1)));
  }
  return {
    scheme: scheme!.toLowerCase(),
    user: userinfo === undefined ? undefined : decode(colon === -1 ? userinfo : userinfo.slice(0, colon)),
    password: userinfo === undefined || colon === -1 ? undefined : decode(userinfo.slice(colon + 1)),
    host: decode(portMatch ? portMatch[1]! : hostPort),
    port: portMatch ? portMatch[2] : undefined,
    segments,
    params,
  };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
