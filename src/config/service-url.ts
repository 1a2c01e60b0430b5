// A whole sink as one URL, in Apprise's syntax (`gotify://host/TOKEN`, `tgram://BOT/CHAT`…) or a
// service's own webhook URL recognised by its host: one secret, one action input, one `--to`. The
// URL becomes `{kind, ...keys}` and is checked like any written sink afterwards. Errors never
// repeat the URL: all of it may be secret.
import { ConfigError } from '../core/errors.js';
import { SCHEME_BUILDERS } from './service-url-schemes.js';
import { parseServiceUrl, type ParsedUrl, type ServiceSink } from './service-url-parse.js';

export type { ServiceSink } from './service-url-parse.js';

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
      fix: 'for any other endpoint write json://host/path (http) or jsons://host/path (https), which POSTs the event as JSON (or give the sink a kind, e.g. kind: webhook); or ' + SCHEMES_HELP,
    });
  }
  return { config: { kind: match.kind, [match.key]: text }, secrets: [text] };
}
