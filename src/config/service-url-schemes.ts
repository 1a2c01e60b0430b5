// One builder per Apprise scheme: the parts of the URL → a sink's keys, and which parts are
// secrets. Where Herald's sink differs from Apprise's plugin (Webex posts as a bot, Matrix takes an
// access token), the URL follows the sink and docs/sinks.md says so.
import { email } from './service-url-email.js';
import { APPRISE_GLOBALS, fail, options, type Builder, type ParsedUrl } from './service-url-parse.js';

const hostPort = (url: ParsedUrl) => (url.port ? `${url.host}:${url.port}` : url.host);
const origin = (url: ParsedUrl, secure: boolean) => `${secure ? 'https' : 'http'}://${hostPort(url)}`;
const enc = encodeURIComponent;

function need(url: ParsedUrl, parts: (string | undefined)[], shape: string): string[] {
  if (parts.some((p) => !p)) fail(url, `expected ${shape}`, `write it as ${shape}`);
  return parts as string[];
}

function onlyOneTarget(url: ParsedUrl, extra: string[], shape: string): void {
  if (extra.length) fail(url, 'one target per URL', `write one URL per target (${shape}); repeat --to, or add one sink per target`);
}

const slack: Builder = (url) => {
  if (/^xox[bpa]-/.test(url.host)) fail(url, 'bot and user tokens (xoxb-, xoxp-) are not supported', 'use an incoming webhook: slack://TOKEN_A/TOKEN_B/TOKEN_C');
  const [a, b, c] = need(url, [url.host, url.segments[0], url.segments[1]], 'slack://[botname@]TOKEN_A/TOKEN_B/TOKEN_C[/#channel]');
  onlyOneTarget(url, url.segments.slice(3), 'slack://…/#channel');
  const webhook = `https://hooks.slack.com/services/${a}/${b}/${c}`;
  const config = { kind: 'slack', webhook_url: webhook, ...(url.user ? { username: url.user } : {}), ...(url.segments[2] ? { channel: url.segments[2] } : {}), ...options(url, { channel: 'channel', username: 'username', icon_emoji: 'icon_emoji' }) };
  return { config, secrets: [webhook, b, c] };
};

const discord: Builder = (url) => {
  const [id, token] = need(url, [url.host, url.segments[0]], 'discord://[botname@]WEBHOOK_ID/WEBHOOK_TOKEN');
  onlyOneTarget(url, url.segments.slice(1), 'discord://WEBHOOK_ID/WEBHOOK_TOKEN');
  const webhook = `https://discord.com/api/webhooks/${id}/${token}`;
  return { config: { kind: 'discord', webhook_url: webhook, ...(url.user ? { username: url.user } : {}), ...options(url, { username: 'username', avatar_url: 'avatar_url' }) }, secrets: [webhook, token] };
};

const telegram: Builder = (url) => {
  // Apprise accepts the token with or without Telegram's "bot" prefix.
  const [token, chat] = need(url, [url.host.replace(/^bot(?=\d)/, ''), url.segments[0]], 'tgram://BOT_TOKEN/CHAT_ID');
  onlyOneTarget(url, url.segments.slice(1), 'tgram://BOT_TOKEN/CHAT_ID');
  const extra = options(url, { topic: 'message_thread_id', thread: 'message_thread_id', api_base_url: 'api_base_url' });
  const config: Record<string, unknown> = { kind: 'telegram', token, chat_id: chat, ...extra };
  if (extra.message_thread_id !== undefined) config.message_thread_id = Number(extra.message_thread_id);
  return { config, secrets: [token] };
};

const teamsConnector: Builder = (url) => {
  // Office 365 connectors (retired by Microsoft): kept for Apprise compatibility.
  const [team, a, b, c] = need(url, [url.host, url.segments[0], url.segments[1], url.segments[2]], 'msteams://TEAM/TOKEN_A/TOKEN_B/TOKEN_C[/TOKEN_D]');
  onlyOneTarget(url, url.segments.slice(4), 'msteams://TEAM/TOKEN_A/TOKEN_B/TOKEN_C[/TOKEN_D]');
  const webhook = `https://${team}.webhook.office.com/webhookb2/${a}/IncomingWebhook/${b}/${c}${url.segments[3] ? `/${url.segments[3]}` : ''}`;
  return { config: { kind: 'msteams', webhook_url: webhook }, secrets: [webhook, a, b, c, url.segments[3] ?? ''] };
};

const teamsWorkflow: Builder = (url) => {
  const [workflow, signature] = need(url, [url.host && url.segments[0], url.segments[1]], 'workflows://HOST[:PORT]/WORKFLOW_ID/SIGNATURE');
  onlyOneTarget(url, url.segments.slice(2), 'workflows://HOST/WORKFLOW_ID/SIGNATURE');
  // Power Platform hosts serve workflows under another path and API version than Logic Apps.
  const powerPlatform = /powerplatform\.com$/i.test(url.host);
  const version = options(url, { ver: 'ver', 'api-version': 'ver' }).ver ?? (powerPlatform ? '1' : '2016-06-01');
  const path = `${powerPlatform ? '/powerautomate/automations/direct' : ''}/workflows/${workflow}/triggers/manual/paths/invoke`;
  const webhook = `https://${hostPort(url)}${path}?api-version=${enc(version)}&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${enc(signature)}`;
  return { config: { kind: 'msteams', webhook_url: webhook }, secrets: [webhook, signature] };
};

const googleChat: Builder = (url) => {
  const [space, key, token] = need(url, [url.host, url.segments[0], url.segments[1]], 'gchat://WORKSPACE/KEY/TOKEN');
  onlyOneTarget(url, url.segments.slice(2), 'gchat://WORKSPACE/KEY/TOKEN');
  const webhook = `https://chat.googleapis.com/v1/spaces/${enc(space)}/messages?key=${enc(key)}&token=${enc(token)}`;
  return { config: { kind: 'googlechat', webhook_url: webhook }, secrets: [webhook, key, token] };
};

const mattermost =
  (secure: boolean): Builder =>
  (url) => {
    const token = url.segments.at(-1);
    need(url, [url.host, token], `${url.scheme}://[botname@]HOST[:PORT][/PATH]/TOKEN`);
    const webhook = `${origin(url, secure)}/${[...url.segments.slice(0, -1).map(enc), 'hooks', enc(token!)].join('/')}`;
    const config = { kind: 'mattermost', webhook_url: webhook, ...(url.user ? { username: url.user } : {}), ...options(url, { channel: 'channel', channels: 'channel', username: 'username', icon_url: 'icon_url' }) };
    return { config, secrets: [webhook, token!] };
  };

const rocketChat =
  (secure: boolean): Builder =>
  (url) => {
    if (url.password !== undefined) fail(url, 'user and password logins are not supported', `use an incoming webhook: ${url.scheme}://TOKEN_A%2FTOKEN_B@HOST`);
    const [hook] = need(url, [options(url, { webhook: 'webhook' }).webhook ?? url.user], `${url.scheme}://TOKEN_A%2FTOKEN_B@HOST[:PORT] (the webhook token, its "/" written %2F)`);
    need(url, [url.host], `${url.scheme}://WEBHOOK@HOST`);
    onlyOneTarget(url, url.segments, `${url.scheme}://WEBHOOK@HOST (the webhook's channel is set in Rocket.Chat)`);
    const webhook = `${origin(url, secure)}/hooks/${hook.split('/').map(enc).join('/')}`;
    return { config: { kind: 'rocketchat', webhook_url: webhook }, secrets: [webhook, ...hook.split('/')] };
  };

const matrix =
  (secure: boolean): Builder =>
  (url) => {
    // Herald sends with an access token (no login): the part before @ is the token, or user:token.
    const token = url.password ?? url.user;
    const room = url.segments[0];
    if (room?.startsWith('#')) fail(url, 'a room alias cannot be sent to', `use the room id: ${url.scheme}://TOKEN@HOST/!ROOM_ID:SERVER (Room settings → Advanced)`);
    const [accessToken, roomId] = need(url, [token, room], `${url.scheme}://ACCESS_TOKEN@HOST[:PORT]/!ROOM_ID:SERVER`);
    onlyOneTarget(url, url.segments.slice(1), `${url.scheme}://ACCESS_TOKEN@HOST/!ROOM_ID:SERVER`);
    return { config: { kind: 'matrix', homeserver: origin(url, secure), room_id: roomId, access_token: accessToken, ...options(url, { msgtype: 'msgtype' }) }, secrets: [accessToken] };
  };

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

const zulip: Builder = (url) => {
  const [bot, org, token] = need(url, [url.user, url.host, url.segments[0]], 'zulip://BOTNAME@ORGANIZATION/TOKEN[/CHANNEL]');
  onlyOneTarget(url, url.segments.slice(2), 'zulip://BOTNAME@ORGANIZATION/TOKEN/CHANNEL');
  const o = options(url, { topic: 'topic', email: 'email', site: 'site' });
  // Apprise: a bare organization name is on zulipchat.com, and a bot's address ends in -bot.
  const domain = org.includes('.') || LOOPBACK.test(org) ? hostPort(url) : `${org}.zulipchat.com`;
  const email = o.email ?? (bot.includes('@') ? bot : `${bot.endsWith('-bot') ? bot : `${bot}-bot`}@${domain.replace(/:\d+$/, '')}`);
  const site = o.site ?? `${LOOPBACK.test(org) ? 'http' : 'https'}://${domain}`;
  return { config: { kind: 'zulip', site, email, api_key: token, stream: url.segments[1] ?? 'general', ...(o.topic ? { topic: o.topic } : {}) }, secrets: [token] };
};

const webex: Builder = (url) => {
  if (!url.segments[0]) fail(url, "Apprise's incoming-webhook form (wxteams://TOKEN) is not supported", 'Herald posts as a bot: wxteams://BOT_TOKEN/ROOM_ID');
  const [token, room] = need(url, [url.host, url.segments[0]], 'wxteams://BOT_TOKEN/ROOM_ID');
  onlyOneTarget(url, url.segments.slice(1), 'wxteams://BOT_TOKEN/ROOM_ID');
  return { config: { kind: 'webex', token, room_id: room, ...options(url, { api_base_url: 'api_base_url' }) }, secrets: [token] };
};

const ntfy =
  (secure: boolean): Builder =>
  (url) => {
    if (url.password !== undefined) fail(url, 'user and password logins are not supported', `use an access token: ${url.scheme}://HOST/TOPIC?token=tk_…`);
    const o = options(url, { token: 'token', auth: 'token' });
    const token = o.token ?? url.user;
    // Apprise: ntfy://TOPIC alone posts to the public ntfy.sh.
    const topicUrl = url.segments.length ? `${origin(url, secure)}/${url.segments.map(enc).join('/')}` : `https://ntfy.sh/${enc(need(url, [url.host], `${url.scheme}://[TOKEN@]HOST[:PORT]/TOPIC or ${url.scheme}://TOPIC`)[0]!)}`;
    return { config: { kind: 'ntfy', url: topicUrl, ...(token ? { token } : {}) }, secrets: token ? [token] : [] };
  };

const gotify =
  (secure: boolean): Builder =>
  (url) => {
    const token = url.segments.at(-1);
    need(url, [url.host, token], `${url.scheme}://HOST[:PORT][/PATH]/APP_TOKEN`);
    options(url, {});
    const server = `${origin(url, secure)}${url.segments.slice(0, -1).map((s) => `/${enc(s)}`).join('')}`;
    return { config: { kind: 'gotify', url: server, token }, secrets: [token!] };
  };

const pushover: Builder = (url) => {
  const [user, token] = need(url, [url.user, url.host], 'pover://USER_KEY@APP_TOKEN[/DEVICE]');
  onlyOneTarget(url, url.segments.slice(1), 'pover://USER_KEY@APP_TOKEN/DEVICE');
  const config = { kind: 'pushover', token, user, ...(url.segments[0] ? { device: url.segments[0] } : {}), ...options(url, { sound: 'sound', device: 'device', api_base_url: 'api_base_url' }) };
  return { config, secrets: [user, token] };
};

const json =
  (secure: boolean): Builder =>
  (url) => {
    need(url, [url.host], `${url.scheme}://[USER:PASSWORD@]HOST[:PORT]/PATH[?+Header=value]`);
    const headers: Record<string, string> = {};
    const query: string[] = [];
    let method: string | undefined;
    for (const [name, value] of url.params) {
      if (name.startsWith('+')) headers[name.slice(1)] = value;
      else if (name === 'method') method = value.toUpperCase();
      else if (!APPRISE_GLOBALS.has(name)) query.push(`${enc(name)}=${enc(value)}`);
    }
    const credential = url.user !== undefined ? Buffer.from(`${url.user}:${url.password ?? ''}`).toString('base64') : '';
    if (credential) headers.Authorization = `Basic ${credential}`;
    const target = `${origin(url, secure)}/${url.segments.map(enc).join('/')}${query.length ? `?${query.join('&')}` : ''}`;
    const config: Record<string, unknown> = { kind: 'webhook', url: target, ...(Object.keys(headers).length ? { headers } : {}), ...(method ? { method } : {}) };
    return { config, secrets: [target, ...Object.values(headers), credential, url.password ?? ''] };
  };

/** Scheme → builder; the plain and the TLS variant of self-hostable services. */
export const SCHEME_BUILDERS: Record<string, Builder> = {
  slack,
  discord,
  tgram: telegram,
  mailto: email(false),
  mailtos: email(true),
  msteams: teamsConnector,
  workflows: teamsWorkflow,
  gchat: googleChat,
  mmost: mattermost(false),
  mmosts: mattermost(true),
  rocket: rocketChat(false),
  rockets: rocketChat(true),
  matrix: matrix(false),
  matrixs: matrix(true),
  zulip,
  wxteams: webex,
  ntfy: ntfy(false),
  ntfys: ntfy(true),
  gotify: gotify(false),
  gotifys: gotify(true),
  pover: pushover,
  json: json(false),
  jsons: json(true),
};
