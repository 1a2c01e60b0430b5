import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { parseConfigText } from '../support/parse-config.js';
import { ConfigError } from '../../src/core/errors.js';
import { SinkRegistry } from '../../src/sinks/registry.js';

const registry = await new SinkRegistry().load();
const parse = (yaml: string, env: Record<string, string> = {}, file = '/work/herald.yml', extra = {}) =>
  parseConfigText(yaml, file, { cwd: '/work', env, registry, ...extra });

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${error}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

const webhookSink = (extra = '') => `notifications:\n  sinks:\n    - id: wh\n      kind: webhook\n      url: http://127.0.0.1:9/x\n${extra}`;

test('a Bernstein notifications block loads unchanged, with its defaults and bounds', () => {
  const config = parse(
    `project: demo
notifications:
  enabled: true
  retry: {max_attempts: 5, initial_delay_ms: 100, backoff_factor: 3.0, max_delay_ms: 1000}
  dedup_lru_size: 16
  dedup_window_seconds: 60
  sinks:
    - id: wh
      kind: webhook
      url: http://127.0.0.1:9/x
      headers: {X-T: abc}
      labels: {team: platform}
      events: [post_task, post_merge]
      severities: [warning, error]
`,
    {},
    '/work/bernstein.yaml',
  );
  assert.equal(config.block.retry.max_attempts, 5);
  assert.equal(config.block.dedup_window_seconds, 60);
  assert.deepEqual(config.sinks[0]!.config.events, ['post_task', 'post_merge']);
  assert.deepEqual(parse('notifications:\n  sinks: []\n').block.retry.max_attempts, 3);
});

test('an unknown key names its path, line and column, and suggests the closest key', () => {
  const error = configError(() => parse(webhookSink('      severites: [error]\n')));
  const text = error.describe();
  assert.match(text, /herald\.yml:6:7: notifications\.sinks\[0\]\.severites: unknown key 'severites'/);
  assert.match(text, /did you mean 'severities'\?/);
  const top = configError(() => parse('notifications:\n  dedup_window: 5\n'));
  assert.match(top.describe(), /notifications\.dedup_window: unknown key.*\n.*did you mean 'dedup_window_seconds'/);
  const retry = configError(() => parse('notifications:\n  retry: {max_attempt: 2}\n'));
  assert.match(retry.describe(), /notifications\.retry\.max_attempt: unknown key/);
});

test('Bernstein\'s validation substrings are kept: unknown event, unknown severity, duplicate sink id', () => {
  assert.match(configError(() => parse(webhookSink('      events: [not_a_real_event]\n'))).describe(), /unknown event\(s\) \['not_a_real_event'\]/);
  assert.match(configError(() => parse(webhookSink('      events: [post_taks]\n'))).describe(), /did you mean 'post_task'/);
  assert.match(configError(() => parse(webhookSink('      severities: [critical]\n'))).describe(), /unknown severity \['critical'\]; allowed: error, info, warning/);
  const dup = `notifications:\n  sinks:\n    - {id: a, kind: console}\n    - {id: a, kind: file, path: x.jsonl}\n`;
  assert.match(configError(() => parse(dup)).describe(), /duplicate sink id: 'a'/);
});

test('USR actions and patterns are accepted as event filters; [] means none', () => {
  const config = parse(webhookSink('      events: [densegen_health, "infer_*"]\n'));
  assert.deepEqual(config.sinks[0]!.config.events, ['densegen_health', 'infer_*']);
  assert.deepEqual(parse(webhookSink('      events: []\n')).sinks[0]!.config.events, []);
});

test('an unknown kind lists the kinds there are', () => {
  const text = configError(() => parse('notifications:\n  sinks:\n    - {id: a, kind: webhok}\n')).describe();
  assert.match(text, /unknown sink kind 'webhok'/);
  assert.match(text, /did you mean 'webhook'/);
});

test('missing required keys, bad types and out-of-range values are reported with their path', () => {
  assert.match(configError(() => parse('notifications:\n  sinks:\n    - {id: a, kind: webhook}\n')).describe(), /sinks\[0\]\.url: Field required/);
  assert.match(configError(() => parse('notifications:\n  sinks:\n    - {id: 123, kind: console}\n')).describe(), /sinks\[0\]\.id: .*string/);
  assert.match(configError(() => parse('notifications:\n  retry: {max_attempts: 21}\n')).describe(), /retry\.max_attempts: .*20/);
  assert.match(configError(() => parse(webhookSink('      enabled: "false"\n'))).describe(), /enabled: .*boolean/);
  assert.match(configError(() => parse('notifications: [1, 2]\n')).describe(), /notifications block must be a mapping, got list/);
});

test('YAML syntax errors show line and column; YAML 1.2 keeps `off` a string', () => {
  const text = configError(() => parse('notifications:\n  sinks:\n    - id: a\n     kind: x\n')).describe();
  assert.match(text, /herald\.yml:\d+:\d+: invalid YAML/);
  assert.equal(parse('notifications:\n  sinks:\n    - {id: off, kind: console}\n').sinks[0]!.config.id, 'off');
});

test('a top-level key other than notifications is an error in herald.yml, ignored in bernstein.yaml', () => {
  assert.match(configError(() => parse('sinks: []\n')).describe(), /unknown top-level key 'sinks'[\s\S]*under `notifications:`/);
  assert.doesNotThrow(() => parse('orchestrator: {x: 1}\nnotifications: {}\n', {}, '/w/bernstein.yaml'));
});

test('${VAR} resolves whole and embedded; $${VAR} escapes; the values are secrets', () => {
  const config = parse(
    `notifications:\n  sinks:\n    - id: wh\n      kind: webhook\n      url: \${HOOK}\n      headers:\n        Authorization: Bearer \${TOKEN}\n        X-Literal: $\${NOT_A_VAR}\n`,
    { HOOK: 'http://127.0.0.1:9/secret-path', TOKEN: 'tok-123456' },
  );
  const cfg = config.sinks[0]!.config as unknown as { url: string; headers: Record<string, string> };
  assert.equal(cfg.url, 'http://127.0.0.1:9/secret-path');
  assert.equal(cfg.headers.Authorization, 'Bearer tok-123456');
  assert.equal(cfg.headers['X-Literal'], '${NOT_A_VAR}');
  assert.ok(config.secrets.includes('tok-123456'));
  assert.ok(config.secrets.includes('http://127.0.0.1:9/secret-path'));
});

test('an unset variable in a required key names the variable and the key', () => {
  const text = configError(() => parse('notifications:\n  sinks:\n    - {id: wh, kind: webhook, url: "${HOOK_URL}"}\n')).describe();
  assert.match(text, /sinks\[0\]\.url: \$\{HOOK_URL\} is not set/);
  assert.match(text, /export HOOK_URL/);
  // validate and list hear about it instead of failing
  const tolerant = parse('notifications:\n  sinks:\n    - {id: wh, kind: webhook, url: "${HOOK_URL}"}\n', {}, '/w/herald.yml', { tolerateMissing: true });
  assert.deepEqual(tolerant.missing.map((m) => [m.name, m.fatal]), [['HOOK_URL', true]]);
  // an optional key just goes without it; a disabled sink is not held to it
  const optional = parse(webhookSink('      headers: {X-A: "${UNSET_HEADER}"}\n'));
  assert.deepEqual((optional.sinks[0]!.config as unknown as { headers: object }).headers, {});
  assert.doesNotThrow(() => parse('notifications:\n  sinks:\n    - {id: wh, kind: webhook, enabled: false, url: "${HOOK_URL}"}\n'));
});

test('discovery: --config, then HERALD_CONFIG, then herald.yml … bernstein.yaml; none is an error unless the default is allowed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'herald-cfg-'));
  await assert.rejects(loadConfig({ cwd: dir, env: {}, registry }), (e: unknown) => e instanceof ConfigError && /no config found/.test(e.describe()));
  const fallback = await loadConfig({ cwd: dir, env: {}, registry, allowDefault: true });
  assert.equal(fallback.file, null);
  assert.deepEqual(fallback.sinks.map((s) => s.config.kind), ['console', 'file']);
  await writeFile(join(dir, 'bernstein.yaml'), 'notifications:\n  sinks: [{id: b, kind: console}]\n');
  assert.equal((await loadConfig({ cwd: dir, env: {}, registry })).sinks[0]!.config.id, 'b');
  await writeFile(join(dir, 'herald.yml'), 'notifications:\n  sinks: [{id: h, kind: console}]\n');
  assert.equal((await loadConfig({ cwd: dir, env: {}, registry })).sinks[0]!.config.id, 'h');
  await writeFile(join(dir, 'other.yml'), 'notifications:\n  sinks: [{id: o, kind: console}]\n');
  assert.equal((await loadConfig({ cwd: dir, env: { HERALD_CONFIG: 'other.yml' }, registry })).sinks[0]!.config.id, 'o');
  await assert.rejects(loadConfig({ cwd: dir, env: {}, registry, explicitPath: 'missing.yml' }), (e: unknown) => e instanceof ConfigError && /config not found/.test(e.describe()));
});

test('Bernstein leniencies: other sections in any bernstein*.yaml are left alone; timeout_s "5" is 5', () => {
  assert.doesNotThrow(() => parse('orchestrator: {x: 1}\nnotifications: {}\n', {}, '/w/bernstein.prod.yaml'));
  assert.throws(() => parse('orchestrator: {x: 1}\nnotifications: {}\n', {}, '/w/herald.prod.yaml'), /unknown top-level key 'orchestrator'/);
  const config = parse('notifications:\n  sinks:\n    - {id: c, kind: console, timeout_s: "5"}\n', {});
  assert.equal(config.sinks[0]!.config.timeout_s, 5);
});

// Issue 13 #5: Bernstein never builds a disabled sink (reference §2.3 "disabled sinks are not built"),
// so a disabled sink of a kind only a Python entry point provides (§9) loads there.
test('a disabled sink of an unknown (plugin) kind is a warning; an enabled one is still an error', () => {
  const bernstein = 'notifications:\n  sinks:\n    - {id: pd, kind: pagerduty_custom, enabled: false, routing_key: x}\n    - {id: c, kind: console}\n';
  const config = parse(bernstein, {}, '/w/bernstein.yaml');
  assert.deepEqual(config.sinks.map((s) => [s.config.id, s.config.enabled]), [['pd', false], ['c', true]]);
  assert.match(config.warnings!.join('\n'), /sink 'pd' \(disabled\) has kind 'pagerduty_custom', which Herald does not know/);
  assert.match(configError(() => parse(bernstein.replace('enabled: false', 'enabled: true'), {}, '/w/bernstein.yaml')).describe(), /unknown sink kind 'pagerduty_custom'/);
});

// Issue 13 #6: PyYAML keeps the last of two equal keys; outside `notifications:` Herald does too.
test('a duplicate key outside notifications takes the last value; inside it is still an error', () => {
  assert.doesNotThrow(() => parse('goal: a\ngoal: b\nnotifications:\n  sinks: [{id: c, kind: console}]\n', {}, '/w/bernstein.yaml'));
  assert.match(configError(() => parse('notifications:\n  sinks: [{id: c, kind: console}]\n  sinks: []\n', {}, '/w/bernstein.yaml')).describe(), /Map keys must be unique/);
  assert.match(configError(() => parse('notifications: {}\nnotifications:\n  sinks: []\n', {}, '/w/bernstein.yaml')).describe(), /Map keys must be unique/);
});

test('any file that looks like Bernstein\'s (notifications beside non-Herald sections) keeps its other sections', () => {
  assert.equal(parse('orchestrator: {x: 1}\ngoal: g\nnotifications:\n  sinks: [{id: c, kind: console}]\n', {}, '/w/prod.yaml').sinks.length, 1);
  // Herald's own names stay strict, and so does a near miss of a Herald key.
  assert.throws(() => parse('orchestrator: {x: 1}\nnotifications: {}\n', {}, '/w/herald.yml'), /unknown top-level key 'orchestrator'/);
  assert.throws(() => parse('sink: []\nnotifications: {}\n', {}, '/w/prod.yaml'), /unknown top-level key 'sink'/);
  assert.throws(() => parse('notification: {}\n', {}, '/w/prod.yaml'), /unknown top-level key 'notification'/);
});
