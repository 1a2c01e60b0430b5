// Heavy packages load once per process, however many sinks ask at the same moment (sixteen sinks
// used to compile undici sixteen times and each build an Agent of its own), and in the bundle
// they, like each command's code, are chunk files that a command which does not use them never reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadUndici } from '../../src/lazy/packages.js';
import { exportsOf } from '../../src/lazy/load.js';
import { ensureBundle } from '../support/bundle.js';
import { ROOT } from '../support/cli.js';

test('sixteen concurrent loads of a lazy package share one set of exports', async () => {
  const loads = await Promise.all(Array.from({ length: 16 }, () => loadUndici()));
  assert.equal(typeof loads[0]!.Agent, 'function');
  assert.ok(loads.every((exports) => exports === loads[0]));
});

test('a CommonJS namespace gives its module.exports, an ES namespace itself', async () => {
  const commonJs = { default: { request: 1 } };
  assert.equal(await exportsOf(Promise.resolve(commonJs)), commonJs.default);
  const esm = { request: 1 };
  assert.equal(await exportsOf(Promise.resolve(esm)), esm);
});

test('the CLI entry is small and `--version` reads no chunk; `send` reads its own', { timeout: 300_000 }, () => {
  ensureBundle();
  const cliDir = join(ROOT, 'dist', 'cli');
  const chunks = readdirSync(join(cliDir, 'chunks'));
  assert.ok(chunks.length > 5, `expected the CLI split into chunks, found ${chunks.join(', ')}`);
  assert.ok(statSync(join(cliDir, 'index.js')).size < 150_000, 'the entry holds commander and the command table, not the pipeline');
  assert.doesNotMatch(readFileSync(join(cliDir, 'index.js'), 'utf8'), /undici|nodemailer|ioredis/i);
  // `--version` runs from a copy of the entry with no chunks beside it: it reads none of them.
  const bare = mkdtempSync(join(tmpdir(), 'herald-entry-only-'));
  copyFileSync(join(cliDir, 'index.js'), join(bare, 'index.mjs'));
  const version = spawnSync(process.execPath, [join(bare, 'index.mjs'), '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, version.stderr);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  const send = spawnSync(process.execPath, [join(bare, 'index.mjs'), 'send', '--dry-run', '--title', 'x'], { cwd: bare, encoding: 'utf8' });
  assert.notEqual(send.status, 0, 'send needs its chunks, so the copy without them cannot run it');
});
