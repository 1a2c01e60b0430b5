// Heavy packages load once per process, however many sinks ask at the same moment (sixteen sinks
// used to compile undici sixteen times and each build an Agent of its own), and in the bundle
// they, like each command's code, are chunk files that a command which does not use them never reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadUndici } from '../../src/lazy/packages.js';
import { exportsOf } from '../../src/lazy/load.js';
import { ensureBundle } from '../support/bundle.js';
import { NODE24, ROOT } from '../support/cli.js';

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

/** The chunk files a CLI run reads (HERALD_DEBUG_CHUNKS lists them as the chunk loader reads
 *  them), and the builtin modules it loaded (from a preload that prints process.moduleLoadList at exit). */
function whatRunReads(args: string[]): { chunks: string[]; builtins: string[]; stdout: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'herald-reads-'));
  const preload = join(dir, 'builtins.cjs');
  writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, 'BUILTINS ' + process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join(' ') + '\\n'));\n");
  const run = spawnSync(NODE24, ['-r', preload, join(ROOT, 'dist', 'cli', 'index.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), HERALD_DEBUG_CHUNKS: '1', HERALD_NO_COMPILE_CACHE: '' },
  });
  const chunks = [...new Set([...run.stderr.matchAll(/^herald: chunk \.\/chunks\/([\w.]+\.js) \((?:cached|compiled)\)$/gm)].map((m) => m[1]!))];
  const builtins = /^BUILTINS (.*)$/m.exec(run.stderr)?.[1]?.split(' ') ?? [];
  return { chunks, builtins, stdout: run.stdout, status: run.status };
}

test('the CLI entry only turns the compile cache on; `--version` reads the front chunks, `send` its own', { timeout: 300_000 }, () => {
  ensureBundle();
  const cliDir = join(ROOT, 'dist', 'cli');
  const chunks = readdirSync(join(cliDir, 'chunks'));
  assert.ok(chunks.length > 5, `expected the CLI split into chunks, found ${chunks.join(', ')}`);
  // Code read before the compile cache is on is compiled on every run, so the entry is tiny.
  assert.ok(statSync(join(cliDir, 'index.js')).size < 16_000, 'the entry turns the compile cache on and imports the rest');
  assert.doesNotMatch(readFileSync(join(cliDir, 'index.js'), 'utf8'), /undici|nodemailer|ioredis|commander/i);
  const version = whatRunReads(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  assert.ok(version.chunks.length > 0 && version.chunks.length <= 3, `--version read ${version.chunks.join(', ')}`);
  const send = whatRunReads(['send', '--dry-run', '--title', 'x']);
  assert.equal(send.status, 0);
  assert.ok(send.chunks.length > version.chunks.length, `send read ${send.chunks.join(', ')}`);
  // No heavy package (the HTTP client, SMTP, Redis: each a chunk of 190 KB or more) is read for a
  // dry run on the embedded default.
  const heavy = send.chunks.filter((chunk) => statSync(join(cliDir, 'chunks', chunk)).size > 180_000);
  assert.deepEqual(heavy, []);
  assert.ok(chunks.some((chunk) => statSync(join(cliDir, 'chunks', chunk)).size > 180_000), 'the heavy packages are chunks of their own');
});

test('child_process, crypto and fs/promises are loaded only by a command that uses them', { timeout: 300_000 }, () => {
  ensureBundle();
  // (`help <command>` loads every command, those that spawn too.)
  for (const args of [['--version'], ['--help'], ['send', '--dry-run', '--title', 'x']]) {
    const run = whatRunReads(args);
    assert.equal(run.status, 0, args.join(' '));
    assert.ok(run.builtins.includes('fs'), 'the preload saw the builtins');
    for (const costly of ['child_process', 'crypto', 'fs/promises']) assert.ok(!run.builtins.includes(costly), `${args.join(' ')} loaded ${costly}`);
  }
  const spawned = spawnSync(NODE24, [join(ROOT, 'dist', 'cli', 'index.js'), 'exec', '--', process.execPath, '-e', 'process.exit(3)'], { cwd: mkdtempSync(join(tmpdir(), 'herald-exec-')), encoding: 'utf8' });
  assert.equal(spawned.status, 3, `herald exec runs the command through the lazy child_process: ${spawned.stderr}`);
});

test('herald --help lists every command without reading their code', { timeout: 300_000 }, () => {
  ensureBundle();
  const version = whatRunReads(['--version']);
  const help = whatRunReads(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /exec \[options\] <command\.\.\.>/);
  assert.deepEqual(help.chunks, version.chunks);
});
