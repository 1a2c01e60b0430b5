// The audit key file, kept as Bernstein keeps it (reference lifecycle §4.4), through the CLI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli.js';
import { sealEntry } from '../../src/dispatch/audit.js';

const CONFIG = (audit: string) => `notifications:\n  audit: ${audit}\n  sinks:\n    - {id: f, kind: file, path: out.jsonl}\n`;
const SEND = ['send', '--event', 'post_task', '--outcome', 'failed', '--task-id', 't-1', '--title', 'x', '--state-dir', 'state'];

test('enabled: true makes Bernstein\'s key file on the first entry, 0600 in a 0700 folder, and reuses it', async () => {
  const dir = await workspace({ 'herald.yml': CONFIG('{enabled: true}') });
  const env = { XDG_STATE_HOME: join(dir, 'xdg') };
  const keyFile = join(dir, 'xdg', 'bernstein', 'audit.key');
  const dry = await runCli([...SEND, '--dry-run'], { cwd: dir, env, source: true });
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(existsSync(keyFile), false, 'a dry run makes no key');
  const first = await runCli(SEND, { cwd: dir, env, source: true });
  assert.equal(first.code, 0, first.stderr);
  const key = await readFile(keyFile, 'utf8');
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
  assert.equal((await stat(join(dir, 'xdg', 'bernstein'))).mode & 0o777, 0o700);
  const second = await runCli([...SEND, '--task-id', 't-2'], { cwd: dir, env, source: true });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(await readFile(keyFile, 'utf8'), key, 'the key is kept');
  const verified = await runCli(['audit', 'verify', '--state-dir', 'state'], { cwd: dir, env, source: true });
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, /ok: 2 entries/);
  assert.ok(!verified.stdout.includes(key) && !first.stdout.includes(key), 'the key is never printed');
});

test('a key file others can read is refused with Bernstein\'s message, exit 2, nothing sent', async () => {
  const dir = await workspace({ 'herald.yml': CONFIG('{key_file: keys/audit.key}') });
  await mkdir(join(dir, 'keys'));
  await writeFile(join(dir, 'keys', 'audit.key'), 'k'.repeat(64));
  await chmod(join(dir, 'keys', 'audit.key'), 0o644);
  const r = await runCli(SEND, { cwd: dir, source: true });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Audit key .*keys\/audit\.key has insecure permissions 0644; required 0600 \(owner-only\)\./);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(existsSync(join(dir, 'out.jsonl')), false);
});

test('a chain sealed with a Bernstein key file verifies through key_file; a missing key file is not invented', async () => {
  const key = 'k'.repeat(64);
  const entry = { actor: 'sink:f', details: { attempts: 1, event_id: 'evt-1', kind: 'post_task', outcome: 'delivered', sink_id: 'f' }, event_type: 'notification.delivery', resource_id: 'evt-1', resource_type: 'notification', timestamp: '2026-05-03T17:22:25.000000Z' };
  const sealed = sealEntry(key, '0'.repeat(64), entry);
  const dir = await workspace({ 'herald.yml': CONFIG('{key_file: audit.key}'), 'state/audit/2026-05-03.jsonl': JSON.stringify(sealed) + '\n' });
  const missing = await runCli(['audit', 'verify', '--state-dir', 'state'], { cwd: dir, source: true });
  // As Bernstein: a warning and the chain reported unverifiable (exit 1), not a usage error (exit 2).
  assert.equal(missing.code, 1, missing.stdout + missing.stderr);
  assert.match(missing.stderr, /no audit key.*the chain cannot be verified/);
  assert.match(missing.stdout, /^unverifiable: 1 entries, no audit key/);
  assert.equal(existsSync(join(dir, 'audit.key')), false);
  await writeFile(join(dir, 'audit.key'), key + '\n', { mode: 0o600 });
  const ok = await runCli(['audit', 'verify', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /ok: 1 entries, chain intact \(no sealed head: truncation cannot be detected\)/);
  assert.match(ok.stderr, /no sealed head: truncation cannot be detected/);
});
