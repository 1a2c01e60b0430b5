// Service URLs → sink configs, scheme by scheme (Apprise's syntax), and the errors for URLs that
// match nothing. Delivery through these configs is in service-url-delivery.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sinkFromServiceUrl } from '../../src/config/service-url.js';
import { ConfigError } from '../../src/core/errors.js';

const config = (url: string) => sinkFromServiceUrl(url).config;
const secrets = (url: string) => sinkFromServiceUrl(url).secrets;

test('slack:// is an incoming webhook, with an optional bot name and channel', () => {
  assert.deepEqual(config('slack://T1ABC/B2DEF/xyzSECRET'), { kind: 'slack', webhook_url: 'https://hooks.slack.com/services/T1ABC/B2DEF/xyzSECRET' });
  assert.deepEqual(config('slack://herald@T1ABC/B2DEF/xyzSECRET/#ops'), { kind: 'slack', webhook_url: 'https://hooks.slack.com/services/T1ABC/B2DEF/xyzSECRET', username: 'herald', channel: '#ops' });
  assert.ok(secrets('slack://T1ABC/B2DEF/xyzSECRET').includes('xyzSECRET'));
});

test('discord:// and tgram:// (with or without the "bot" prefix)', () => {
  assert.deepEqual(config('discord://herald@1234/tok-en'), { kind: 'discord', webhook_url: 'https://discord.com/api/webhooks/1234/tok-en', username: 'herald' });
  assert.deepEqual(config('tgram://123456:ABC-def_GHI/-100200300'), { kind: 'telegram', token: '123456:ABC-def_GHI', chat_id: '-100200300' });
  assert.deepEqual(config('tgram://bot123456:ABC/@ops?topic=7&api_base_url=http://127.0.0.1:1'), { kind: 'telegram', token: '123456:ABC', chat_id: '@ops', message_thread_id: 7, api_base_url: 'http://127.0.0.1:1' });
  assert.deepEqual(secrets('tgram://123456:ABC-def_GHI/-100200300'), ['tgram://123456:ABC-def_GHI/-100200300', '123456:ABC-def_GHI']);
});

test('mailto:// is plain SMTP on 25; mailtos:// is STARTTLS on 587 or ssl on 465; big providers get their SMTP host', () => {
  assert.deepEqual(config('mailto://ops:pa55word@127.0.0.1:2525?to=a@example.org,b@example.org&from=ci@example.org'), {
    kind: 'email_smtp', host: '127.0.0.1', port: 2525, from_addr: 'ci@example.org', to_addrs: ['a@example.org', 'b@example.org'], ssl: false, starttls: false, username: 'ops', password: 'pa55word',
  });
  assert.deepEqual(config('mailtos://me:app-password@gmail.com'), {
    kind: 'email_smtp', host: 'smtp.gmail.com', port: 587, from_addr: 'me@gmail.com', to_addrs: ['me@gmail.com'], ssl: false, starttls: true, username: 'me', password: 'app-password',
  });
  assert.equal(config('mailtos://me:pw@example.org?mode=ssl&smtp=mail.example.org&name=CI').port, 465);
  assert.equal(config('mailtos://me:pw@example.org?mode=ssl&smtp=mail.example.org&name=CI').from_addr, 'CI <me@example.org>');
  assert.ok(secrets('mailtos://me:app-password@gmail.com').includes('app-password'));
});

test('msteams:// (retired connectors) and workflows:// (Power Automate) both become msteams webhook URLs', () => {
  assert.deepEqual(config('msteams://contoso/aaa@bbb/ccc/ddd'), { kind: 'msteams', webhook_url: 'https://contoso.webhook.office.com/webhookb2/aaa@bbb/IncomingWebhook/ccc/ddd' });
  assert.deepEqual(config('workflows://prod-01.westus.logic.azure.com:443/wf123/sig456'), {
    kind: 'msteams',
    webhook_url: 'https://prod-01.westus.logic.azure.com:443/workflows/wf123/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=sig456',
  });
  assert.match(String(config('workflows://abc.environment.api.powerplatform.com/wf/sig').webhook_url), /^https:\/\/abc\.environment\.api\.powerplatform\.com\/powerautomate\/automations\/direct\/workflows\/wf\/triggers\/manual\/paths\/invoke\?api-version=1&/);
  assert.ok(secrets('workflows://h.logic.azure.com/wf/sig456xyz').includes('sig456xyz'));
});

test('gchat://, mmost(s)://, rocket(s)://', () => {
  assert.deepEqual(config('gchat://AAAA/key-1/tok-2'), { kind: 'googlechat', webhook_url: 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=key-1&token=tok-2' });
  assert.deepEqual(config('mmost://herald@127.0.0.1:8065/abc123?channel=ops'), { kind: 'mattermost', webhook_url: 'http://127.0.0.1:8065/hooks/abc123', username: 'herald', channel: 'ops' });
  assert.deepEqual(config('mmosts://chat.example.org/mm/abc123'), { kind: 'mattermost', webhook_url: 'https://chat.example.org/mm/hooks/abc123' });
  assert.deepEqual(config('rocket://tokA%2FtokB@127.0.0.1:3000'), { kind: 'rocketchat', webhook_url: 'http://127.0.0.1:3000/hooks/tokA/tokB' });
  assert.deepEqual(config('rockets://chat.example.org?webhook=tokA/tokB'), { kind: 'rocketchat', webhook_url: 'https://chat.example.org/hooks/tokA/tokB' });
});

test('matrix(s)://TOKEN@HOST/!room and zulip://BOT@ORG/TOKEN/CHANNEL', () => {
  assert.deepEqual(config('matrix://syt_token@127.0.0.1:8008/!room:example.org'), { kind: 'matrix', homeserver: 'http://127.0.0.1:8008', room_id: '!room:example.org', access_token: 'syt_token' });
  assert.deepEqual(config('matrixs://herald:syt_token@matrix.org/%21room%3Amatrix.org?msgtype=m.notice'), { kind: 'matrix', homeserver: 'https://matrix.org', room_id: '!room:matrix.org', access_token: 'syt_token', msgtype: 'm.notice' });
  assert.deepEqual(config('zulip://herald@acme/apikey123/ops?topic={{kind}}'), { kind: 'zulip', site: 'https://acme.zulipchat.com', email: 'herald-bot@acme.zulipchat.com', api_key: 'apikey123', stream: 'ops', topic: '{{kind}}' });
  assert.deepEqual(config('zulip://ci-bot@zulip.example.org/apikey123'), { kind: 'zulip', site: 'https://zulip.example.org', email: 'ci-bot@zulip.example.org', api_key: 'apikey123', stream: 'general' });
  assert.equal(config('zulip://ci-bot@127.0.0.1:9991/k/ops').site, 'http://127.0.0.1:9991');
});

test('wxteams://, ntfy(s)://, gotify(s)://, pover://', () => {
  assert.deepEqual(config('wxteams://bot-token/room-id'), { kind: 'webex', token: 'bot-token', room_id: 'room-id' });
  assert.deepEqual(config('ntfy://127.0.0.1:8080/alerts'), { kind: 'ntfy', url: 'http://127.0.0.1:8080/alerts' });
  assert.deepEqual(config('ntfys://ntfy.example.org/alerts?token=tk_secret'), { kind: 'ntfy', url: 'https://ntfy.example.org/alerts', token: 'tk_secret' });
  assert.deepEqual(config('ntfy://my-topic'), { kind: 'ntfy', url: 'https://ntfy.sh/my-topic' }, 'a topic alone is on ntfy.sh, as in Apprise');
  assert.deepEqual(config('gotify://127.0.0.1:8080/AppToken.1'), { kind: 'gotify', url: 'http://127.0.0.1:8080', token: 'AppToken.1' });
  assert.deepEqual(config('gotifys://example.org/gotify/AppToken.1'), { kind: 'gotify', url: 'https://example.org/gotify', token: 'AppToken.1' });
  assert.deepEqual(config('pover://userKey123@appToken456/pixel?sound=siren'), { kind: 'pushover', token: 'appToken456', user: 'userKey123', device: 'pixel', sound: 'siren' });
  assert.deepEqual(secrets('pover://userKey123@appToken456').slice(1), ['userKey123', 'appToken456']);
});

test('json(s):// is the generic webhook: +Header parameters become headers, user:password basic auth', () => {
  assert.deepEqual(config('json://127.0.0.1:9000/hook?+X-Key=abc&method=put&format=text&x=1'), { kind: 'webhook', url: 'http://127.0.0.1:9000/hook?x=1', headers: { 'X-Key': 'abc' }, method: 'PUT' });
  assert.deepEqual(config('jsons://u:p@example.org/in'), { kind: 'webhook', url: 'https://example.org/in', headers: { Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` } });
});

test('plain webhook URLs are recognised by their host', () => {
  const cases: [string, string][] = [
    ['https://hooks.slack.com/services/T1/B2/xyz', 'slack'],
    ['https://discord.com/api/webhooks/1/tok', 'discord'],
    ['https://discordapp.com/api/webhooks/1/tok', 'discord'],
    ['https://prod-01.westus.logic.azure.com:443/workflows/x/triggers/manual/paths/invoke?sig=s', 'msteams'],
    ['https://default1234.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/x', 'msteams'],
    ['https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t', 'googlechat'],
    ['https://ntfy.sh/my-topic', 'ntfy'],
  ];
  for (const [url, kind] of cases) {
    const sink = config(url);
    assert.equal(sink.kind, kind, url);
    assert.equal(sink.webhook_url ?? sink.url, url);
  }
});

test('a URL that matches nothing is a ConfigError listing the schemes, and never repeats the URL', () => {
  const problems: [string, RegExp][] = [
    ['https://example.org/hooks/s3cretPath', /recognised only for Slack, Discord, Teams, Google Chat and ntfy\.sh/],
    ['foo://s3cretPath@host', /unknown service URL scheme 'foo:\/\/'/],
    ['s3cretPath', /not a service URL/],
    ['matrix://tok@host/#ops:example.org', /a room alias cannot be sent to/],
    ['tgram://123:s3cretPath', /expected tgram:\/\/BOT_TOKEN\/CHAT_ID/],
    ['gotify://host/s3cretPath?priority=5', /unknown parameter 'priority'/],
    ['wxteams://s3cretPath', /incoming-webhook form .* is not supported/],
    ['slack://xoxb-s3cretPath/x/y', /bot and user tokens/],
  ];
  for (const [url, message] of problems) {
    assert.throws(() => sinkFromServiceUrl(url), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, message, url);
      assert.doesNotMatch(error.describe(), /s3cretPath/);
      return true;
    });
  }
  assert.throws(() => sinkFromServiceUrl('nope://x'), (error: ConfigError) => /slack:\/\/, discord:\/\/, tgram:\/\/, mailto:\/\/, mailtos:\/\/, msteams:\/\/, workflows:\/\/, gchat:\/\/, mmost:\/\/, mmosts:\/\/, rocket:\/\/, rockets:\/\/, matrix:\/\/, matrixs:\/\/, zulip:\/\/, wxteams:\/\/, ntfy:\/\/, ntfys:\/\/, gotify:\/\/, gotifys:\/\/, pover:\/\/, json:\/\/, jsons:\/\//.test(error.details.fix ?? ''));
});
