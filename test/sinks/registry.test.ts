// The sink kinds load on demand: each name maps to the module of that kind, a config loads only
// the kinds it names, and asking for a kind before loading it is a loud bug, not "unknown kind".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SinkRegistry } from '../../src/sinks/registry.js';
import { loadConfig } from '../../src/config/load.js';

test('every builtin name loads the definition of that kind', async () => {
  const registry = await new SinkRegistry().load();
  const names = registry.list().filter((k) => k !== 'email'); // `email` is Bernstein's alias
  assert.ok(names.length >= 22, names.join(', '));
  for (const name of names) assert.equal(registry.get(name)!.kind, name);
  assert.equal(registry.get('email')!.kind, 'email_smtp');
});

test('a config loads the kinds it names and no other', async () => {
  const registry = new SinkRegistry();
  const text = 'notifications:\n  sinks:\n    - {id: a, kind: console}\n    - {id: b, kind: email, host: 127.0.0.1, to_addrs: [a@example.org], from_addr: h@example.org}\n';
  await loadConfig({ text, cwd: '/', env: {}, registry });
  assert.equal(registry.get('console')!.kind, 'console');
  assert.equal(registry.get('email_smtp')!.kind, 'email_smtp');
  assert.throws(() => registry.get('slack'), /sink kind 'slack' was not loaded/);
});

test('a service-URL sink (kind known only after substitution) loads every kind', async () => {
  const registry = new SinkRegistry();
  await loadConfig({ text: 'notifications:\n  sinks:\n    - {id: n, url: "ntfy://127.0.0.1/topic"}\n', cwd: '/', env: {}, registry });
  assert.equal(registry.get('ntfy')!.kind, 'ntfy');
  assert.equal(registry.get('slack')!.kind, 'slack');
});

test('an unknown kind is still named with the available ones', async () => {
  const error = await loadConfig({ text: 'notifications:\n  sinks:\n    - {id: a, kind: slak}\n', cwd: '/', env: {}, registry: new SinkRegistry() }).catch((e: Error) => e);
  assert.match(String((error as { describe?: () => string }).describe?.() ?? error), /unknown sink kind 'slak'[\s\S]*did you mean 'slack'/);
});
