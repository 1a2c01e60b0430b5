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
