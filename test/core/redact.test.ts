import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Redactor } from '../../src/core/redact.js';

const HOOK = 'https://hooks.slack.com/services/T000/B000/abcdefghijklmnop';

test('a webhook URL is hidden whole, and its token path is hidden on its own', () => {
  const r = new Redactor();
  r.add(HOOK);
  assert.equal(r.redact(`posting to ${HOOK} now`), 'posting to https://hooks.slack.com/*** now');
  assert.equal(r.redact('path /services/T000/B000/abcdefghijklmnop leaked'), 'path /*** leaked');
});

test('bytes without a secret come back as the same buffer, bytes with one are redacted', () => {
  const r = new Redactor();
  r.add(HOOK);
  const clean = Buffer.from('{"message": "ok"}\n');
  assert.equal(r.redactBytes(clean), clean);
  const dirty = Buffer.from(`{"url": "${HOOK}"}\n`);
  assert.equal(r.redactBytes(dirty).toString(), '{"url": "https://hooks.slack.com/***"}\n');
});

test('a Redactor with no secrets passes bytes through', () => {
  const bytes = Buffer.from('anything\n');
  assert.equal(new Redactor().redactBytes(bytes), bytes);
});

// A fixed-seed generator, so the "random" secrets are the same on every run.
function token(length: number, seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let state = seed * 2654435761 >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += alphabet[state >>> 26];
  }
  return out;
}

test('a hundred 1 KB secrets are all hidden, and none is printed by an error', () => {
  const r = new Redactor();
  const secrets = Array.from({ length: 100 }, (_, i) => token(1024, i + 1));
  r.addAll(secrets);
  const text = secrets.map((s, i) => `line ${i}: ${s}`).join('\n');
  const redacted = r.redact(text);
  assert.equal(redacted, secrets.map((_, i) => `line ${i}: ***`).join('\n'));
  assert.equal(r.redactBytes(Buffer.from(text)).toString(), redacted);
  const clean = Buffer.from('nothing secret here\n'.repeat(1000));
  assert.equal(r.redactBytes(clean), clean);
});

test('a 200 KB secret and a 200 KB secret URL are hidden', () => {
  const r = new Redactor();
  const big = token(200 * 1024, 7);
  const bigUrl = `https://hooks.example.com/hooks/${token(200 * 1024, 8)}`;
  r.add(big);
  r.add(bigUrl);
  assert.equal(r.redact(`before ${big} after`), 'before *** after');
  assert.equal(r.redact(`POST ${bigUrl} failed`), 'POST https://hooks.example.com/*** failed');
  assert.equal(r.redact(`Cannot POST ${new URL(bigUrl).pathname}`), 'Cannot POST /***');
  assert.equal(r.redactBytes(Buffer.from(`x${big}x`)).toString(), 'x***x');
});

test('overlapping secrets: the leftmost match wins, the longest at that place, then on from its end', () => {
  const r = new Redactor();
  r.addAll(['abcdefgh', 'efghijkl', 'abcdefghXYZ', 'zzzzzz']);
  assert.equal(r.redact('abcdefghijkl'), '***ijkl');
  assert.equal(r.redact('abcdefghXYZ efghijkl'), '*** ***');
  assert.equal(r.redact('zzzzzzzzzzzz zzzzzzz'), '****** ***z');
  assert.equal(r.redact('no secrets'), 'no secrets');
});

const DISCORD_TOKEN = 'Xy9-kq_2LmN8pQrStUvWxYz0123456789abcdefGHIJKLmnopqrstuvwx-_AbCdEfGhIj';
const DISCORD = `https://discord.example/api/webhooks/112233445566778899/${DISCORD_TOKEN}`;

test('every secret-bearing part of a webhook URL is hidden on its own, and path words are not', () => {
  const r = new Redactor();
  r.add(DISCORD);
  r.add(HOOK);
  assert.equal(r.redact(`Cannot POST /api/webhooks/112233445566778899/${DISCORD_TOKEN}`), 'Cannot POST /***');
  assert.equal(r.redact(`{"message": "Unknown Webhook", "token": "${DISCORD_TOKEN}"}`), '{"message": "Unknown Webhook", "token": "***"}');
  assert.equal(r.redact('webhook 112233445566778899 was deleted'), 'webhook *** was deleted');
  assert.equal(r.redact('invalid_token abcdefghijklmnop'), 'invalid_token ***');
  const words = 'api webhooks hooks services bot /api/webhooks/ /services/T000/B000/ sendMessage';
  assert.equal(r.redact(words), words);
  // The URL without its query, as an error might print it.
  const withQuery = 'https://example.com/incoming/q1w2e3r4t5y6?wait=true';
  r.add(withQuery);
  assert.equal(r.redact('POST https://example.com/incoming/q1w2e3r4t5y6 failed'), 'POST https://example.com/*** failed');
});

test('query values and the user part of a secret URL are hidden; ordinary query words are not', () => {
  const r = new Redactor();
  r.add('https://bot:p%40ss-w0rd!@example.com/notify?token=s3cr3t-v4lue&key=ab1&format=markdown&thread_id=99887766&wait=true');
  assert.equal(r.redact('password p@ss-w0rd! and p%40ss-w0rd!'), 'password *** and ***');
  assert.equal(r.redact('bot:p%40ss-w0rd!@example.com'), '***@example.com');
  assert.equal(r.redact('token s3cr3t-v4lue, thread 99887766'), 'token ***, thread ***');
  assert.equal(r.redact('key=ab1 in cab1d'), 'key=*** in cab1d');
  assert.equal(r.redact('format markdown, wait true'), 'format markdown, wait true');
  const tokenUser = new Redactor();
  tokenUser.add('https://ghp_a1b2c3d4e5f6g7h8@github.com/org/repo.git');
  assert.equal(tokenUser.redact('auth ghp_a1b2c3d4e5f6g7h8 rejected'), 'auth *** rejected');
});

test('a percent-encoded token segment is hidden as written and decoded', () => {
  const r = new Redactor();
  r.add('https://example.com/hooks/tok%2Fen%3A12345678');
  assert.equal(r.redact('got tok%2Fen%3A12345678'), 'got ***');
  assert.equal(r.redact('got tok/en:12345678'), 'got ***');
});

test('a short secret used as a value is hidden where it stands alone, not inside words', () => {
  const r = new Redactor();
  r.addValue('ab12c');
  r.addValue('xy');
  assert.equal(r.redact('X-Api-Key: ab12c'), 'X-Api-Key: ***');
  assert.equal(r.redact('{"key":"ab12c","other":"cab12cd"}'), '{"key":"***","other":"cab12cd"}');
  assert.equal(r.redact('ab12c_x éab12c ab12c.'), 'ab12c_x éab12c ***.');
  assert.equal(r.redact('xy is too short to hide'), 'xy is too short to hide');
  const inWord = Buffer.from('cab12cd\n');
  assert.equal(r.redactBytes(inWord), inWord, 'a value inside a word leaves the buffer as it is');
  assert.equal(r.redactBytes(Buffer.from('key=ab12c\n')).toString(), 'key=***\n');
  assert.deepEqual(r.secrets(), [], 'values hidden only where they stand alone are not masked everywhere');
});

test('the redactor says whether a secret is too short to be hidden everywhere', () => {
  const r = new Redactor();
  r.add('abcde');
  r.addValue('vwxyz');
  r.add('abcdefgh');
  assert.equal(r.isTooShort('abcde'), true);
  assert.equal(r.isTooShort('abcdefgh'), false);
  assert.equal(r.redactionOf('abcde'), 'not-redacted');
  assert.equal(r.redactionOf('vwxyz'), 'as-value');
  assert.equal(r.redactionOf('abcdefgh'), 'anywhere');
  assert.equal(r.redact('abcde vwxyz abcdefgh'), 'abcde *** ***');
});

test('short query values are hidden only under credential names, and a plain user name is left alone', () => {
  const r = new Redactor();
  r.add('https://git@example.com/notify/q1w2e3r4t5?apiKey=k9z&auth=true&design=abc&access_token=t0k');
  assert.equal(r.redact('apiKey k9z, token t0k'), 'apiKey ***, token ***');
  assert.equal(r.redact('git push; auth true; design abc'), 'git push; auth true; design abc');
});
