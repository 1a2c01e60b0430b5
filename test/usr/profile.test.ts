// Profile v2 load-time validation in the reference's order with its messages (§2.2), and secret
// refs (§6): file:// refuses group/world-readable files and is percent-decoded, env:// reads the
// environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/errors.js';
import { loadProfile, validateProfile } from '../../src/profile/schema.js';
import { parseSecretRef, resolveSecretRef } from '../../src/profile/secrets.js';

const VALID = { profile_version: 2, provider: 'generic', events: '/data/usr/demo/.events.log', webhook: { source: 'env', ref: 'NOTIFY_WEBHOOK' } };

function omit(o: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function rejects(data: unknown, message: string): void {
  assert.throws(() => validateProfile(data, '/p/profile.json'), (error: unknown) => {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.message, message);
    return true;
  });
}

test('each §2.2 check, in order: a profile breaking several rules reports the earliest', () => {
  // Each case also breaks every later rule, so the message shows which check runs first.
  const later = { profile_version: 1, bogus: 1, provider: '', webhook: 'x', events_source: 3, cursor: '', policy: 'nope', include_args: 'yes', progress_step_pct: 0 };
  rejects([], 'profile file must contain a JSON object');
  rejects({ url: 'https://x', preset: 'a', ...later }, 'profile must not store plain webhook URLs; use webhook refs');
  rejects({ preset: 'a', ...later }, "legacy profile field 'preset' is not supported; use 'policy' with explicit filters");
  rejects({ ...later }, 'profile_version must be 2; found 1');
  rejects(omit(later, 'profile_version'), 'profile_version must be 2; found None');
  rejects({ ...later, profile_version: 2, zeta: 1 }, 'profile contains unsupported keys: bogus, zeta');
  rejects({ ...omit(later, 'bogus'), profile_version: 2 }, "profile missing required non-empty string field 'provider'");
  rejects({ ...VALID, events: ' ' }, "profile missing required non-empty string field 'events'");
  const v = { ...VALID, events_source: 3, cursor: '', policy: 'nope', include_args: 'yes', progress_step_pct: 0 };
  rejects({ ...v, webhook: 'x' }, "profile field 'webhook' must be an object");
  rejects({ ...v, webhook: { source: 'env', ref: 'X', url: 'u', extra: 1 } }, "profile field 'webhook' contains unsupported keys: extra, url");
  rejects({ ...v, webhook: { ref: 'X' } }, "profile field 'webhook.source' must be a non-empty string");
  rejects({ ...v, webhook: { source: 'vault', ref: 'X' } }, "profile field 'webhook.source' must be one of: env, secret_ref");
  rejects({ ...v, webhook: { source: 'env', ref: '' } }, "profile field 'webhook.ref' must be a non-empty string");
  rejects(v, "profile field 'events_source' must be an object");
  rejects({ ...v, events_source: { tool: 'densegen', config: 'c.yaml', x: 1 } }, "profile field 'events_source' contains unsupported keys: x");
  rejects({ ...v, events_source: { config: 'c.yaml' } }, "profile field 'events_source.tool' must be a non-empty string");
  rejects({ ...v, events_source: { tool: 'densegen', config: '' } }, "profile field 'events_source.config' must be a non-empty string path");
  const w = { ...VALID, cursor: '', policy: 'nope', include_args: 'yes', progress_step_pct: 0 };
  rejects(w, "profile field 'cursor' must be a non-empty string path when provided");
  rejects({ ...w, cursor: undefined, tls_ca_bundle: 5 }, "profile field 'tls_ca_bundle' must be a non-empty string path when provided");
  rejects({ ...w, cursor: undefined, only_tools: ' ' }, "profile field 'only_tools' must be a non-empty string when provided");
  rejects({ ...w, cursor: undefined }, "profile field 'policy' must be one of: construct, densegen, generic, infer");
  rejects({ ...w, cursor: undefined, policy: 'densegen', only_actions: 'densegen_health' }, "profile policy 'densegen' requires explicit only_actions and only_tools fields in profile");
  rejects({ ...w, cursor: undefined, policy: 'generic' }, "profile field 'include_args' must be a boolean when provided");
  rejects({ ...VALID, progress_step_pct: 2.5 }, "profile field 'progress_step_pct' must be an integer when provided");
  rejects({ ...VALID, progress_step_pct: true }, "profile field 'progress_step_pct' must be an integer when provided");
  rejects({ ...VALID, progress_step_pct: 101 }, "profile field 'progress_step_pct' must be between 1 and 100 when provided");
  rejects({ ...VALID, progress_min_seconds: '5' }, "profile field 'progress_min_seconds' must be numeric when provided");
  rejects({ ...VALID, progress_heartbeat_seconds: 0 }, "profile field 'progress_heartbeat_seconds' must be > 0 when provided");
});

test('a valid profile loads with paths relative to its directory; missing and non-JSON files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'herald-profile-'));
  await writeFile(join(dir, 'profile.json'), JSON.stringify({ ...VALID, events: 'usr/.events.log', cursor: 'state/cursor', policy: 'densegen', only_actions: 'densegen_health,densegen_flush_failed', only_tools: 'densegen', include_context: true, progress_step_pct: 25 }));
  const p = await loadProfile('profile.json', dir);
  assert.equal(p.events, join(dir, 'usr/.events.log'));
  assert.equal(p.cursor, join(dir, 'state/cursor'));
  assert.deepEqual([p.onlyActions, p.onlyTools, p.includeContext, p.progressStepPct], ['densegen_health,densegen_flush_failed', 'densegen', true, 25]);
  await assert.rejects(loadProfile('nope.json', dir), { message: `profile file not found: ${join(dir, 'nope.json')}` });
  await writeFile(join(dir, 'bad.json'), '{"profile_version": 2,');
  await assert.rejects(loadProfile('bad.json', dir), { message: `profile file is not valid JSON: ${join(dir, 'bad.json')}` });
});

test('file:// secret refs: mode 600 is read; group/world-readable is refused; paths are percent-decoded', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'herald secret '));
  await mkdir(join(dir, 'sub dir'));
  const path = join(dir, 'sub dir', 'hook');
  await writeFile(path, 'https://hooks.example.com/T/B/xyz\n', { mode: 0o600 });
  const ref = 'file://' + encodeURI(path);
  assert.match(ref, /%20/);
  assert.equal(await resolveSecretRef(ref, {}), 'https://hooks.example.com/T/B/xyz');
  for (const mode of [0o640, 0o604]) {
    await chmod(path, mode);
    await assert.rejects(resolveSecretRef(ref, {}), (error: Error) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, `secret file must not be group/world-accessible (expected mode 600): ${path} (mode=0o${mode.toString(8)})`);
      assert.doesNotMatch(error.message, /xyz/);
      return true;
    });
  }
  await assert.rejects(resolveSecretRef('file://' + join(dir, 'missing'), {}), /secret value not found for reference: file:\/\//);
  assert.throws(() => parseSecretRef('file://host/etc/x'), /file secret_ref must not include a host/);
  assert.throws(() => parseSecretRef('vault://a/b'), /unsupported secret backend 'vault'; expected one of: file, keychain, secretservice/);
});

test('env:// secret refs read the variable; unset or blank is "not found"; bad names are refused', async () => {
  assert.equal(await resolveSecretRef('env://NOTIFY_WEBHOOK', { NOTIFY_WEBHOOK: ' https://h.example.com/x ' }), 'https://h.example.com/x');
  await assert.rejects(resolveSecretRef('env://NOTIFY_WEBHOOK', {}), { message: 'secret value not found for reference: env://NOTIFY_WEBHOOK' });
  await assert.rejects(resolveSecretRef('env://NOTIFY_WEBHOOK', { NOTIFY_WEBHOOK: '  ' }), /secret value not found/);
  assert.throws(() => parseSecretRef('env://1BAD-NAME'), { message: 'env secret_ref must look like env://NAME' });
});
