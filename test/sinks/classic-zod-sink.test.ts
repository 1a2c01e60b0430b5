// Herald builds its schemas with zod/mini (issue 14), but a library user's sink may be written with
// classic `zod`: its schemas go into the same config check beside the common keys, with their
// defaults, custom messages and unknown-key errors, and its config is typed from them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { defineSink } from '../../src/index.js';
import { SinkRegistry } from '../../src/sinks/registry.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/core/errors.js';

const pager = defineSink({
  kind: 'pager',
  config: {
    channel: z.string({ message: "pager sink requires 'channel'" }).min(2, 'channel too short'),
    volume: z.number().int().min(0).max(10).default(5),
    tags: z.array(z.string()).optional(),
  },
  // Typed from the classic schemas: a string, a number, and a list or nothing.
  render: (event, cfg) => ({ target: `page ${cfg.channel.toUpperCase()}`, body: { volume: cfg.volume + 0, tags: cfg.tags?.join(',') ?? '', title: event.title } }),
  deliver: async () => undefined,
});

const load = (sink: string) =>
  loadConfig({ text: `notifications:\n  sinks:\n    - {id: p, kind: pager, ${sink}}\n`, cwd: '/', env: {}, registry: new SinkRegistry([pager]) });

test('a sink whose keys are classic zod schemas loads, with its defaults and the common keys', async () => {
  const config = await load('channel: ops, tags: [a]');
  const { config: cfg } = config.sinks[0]!;
  assert.equal(cfg.channel, 'ops');
  assert.equal(cfg.volume, 5);
  assert.deepEqual(cfg.tags, ['a']);
  assert.equal(cfg.enabled, true);
  assert.equal(cfg.dedup, true);
});

test('its mistakes are config errors with its own messages and zod\'s', async () => {
  const error = await load('channel: o, volume: 1.5, colour: red').catch((e: unknown) => e);
  assert.ok(error instanceof ConfigError, String(error));
  const text = error.describe();
  assert.match(text, /notifications\.sinks\[0\]\.channel: channel too short/);
  assert.match(text, /notifications\.sinks\[0\]\.volume: Invalid input: expected int, received number/);
  assert.match(text, /notifications\.sinks\[0\]\.colour: unknown key 'colour'/);
  const missing = await load('volume: 1').catch((e: unknown) => e);
  assert.match((missing as ConfigError).describe(), /notifications\.sinks\[0\]\.channel: pager sink requires 'channel'/);
});
