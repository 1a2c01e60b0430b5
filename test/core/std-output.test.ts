// Output through file descriptors 1 and 2 (src/core/std-output.ts): every byte arrives, in order,
// through a pipe that is full and non-blocking; a reader that goes away ends nothing; and a
// command's output does not build Node's stream machinery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureBundle } from '../support/bundle.js';
import { NODE24, ROOT, TSX_LOADER } from '../support/cli.js';

const MODULE = JSON.stringify(join(ROOT, 'src', 'core', 'std-output.ts'));

/** A child process that runs `body` with writeOut and writeErr in scope. */
function child(body: string) {
  const code = `import { writeErr, writeOut } from ${MODULE};\n${body}`;
  return spawn(process.execPath, ['--import', TSX_LOADER, '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
}

test('a full non-blocking pipe gets every byte, in order, once the reader catches up', async () => {
  // Touching process.stdout makes libuv set O_NONBLOCK on a pipe: writeSync then meets EAGAIN.
  const run = child(`process.stdout; for (let i = 0; i < 64; i++) writeOut(String(i).padStart(2, '0').repeat(8192) + '\\n'); writeErr('done\\n');`);
  await delay(500); // the pipe (64 KiB) fills long before this
  let out = '';
  let err = '';
  run.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  run.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
  const [code] = await once(run, 'close');
  assert.equal(err, 'done\n');
  assert.equal(code, 0);
  const lines = out.split('\n').slice(0, -1);
  assert.equal(lines.length, 64);
  lines.forEach((line, i) => assert.equal(line, String(i).padStart(2, '0').repeat(8192), `line ${i}`));
});

test('a reader that went away: the rest of that output is dropped and the program carries on', async () => {
  const run = child(`for (let i = 0; i < 200; i++) writeOut('x'.repeat(4096) + '\\n'); writeErr('carried on\\n'); process.exitCode = 7;`);
  run.stdout.destroy(); // the reader is gone before the first write
  let err = '';
  run.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
  const [code] = await once(run, 'close');
  assert.equal(err, 'carried on\n');
  assert.equal(code, 7);
});

test('--version, --help, send --dry-run and validate print without building Node streams', { timeout: 300_000 }, () => {
  ensureBundle();
  const dir = mkdtempSync(join(tmpdir(), 'herald-streams-'));
  writeFileSync(join(dir, 'herald.yml'), 'notifications:\n  sinks:\n    - { id: console, kind: console }\n    - { id: events-file, kind: file, path: .herald/events.jsonl }\n');
  const preload = join(dir, 'streams.cjs');
  writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, '\\nSTREAMS ' + process.moduleLoadList.some((m) => m === 'NativeModule stream' || m === 'NativeModule internal/streams/readable') + '\\n'));\n");
  for (const args of [['--version'], ['--help'], ['send', '--dry-run', '--title', 'x'], ['validate']]) {
    const run = spawnSync(NODE24, ['--require', preload, join(ROOT, 'dist', 'cli', 'index.js'), ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
    assert.ok(run.stdout.length > 0, `${args.join(' ')} printed nothing`);
    assert.match(run.stderr, /^STREAMS false$/m, `${args.join(' ')}: ${run.stderr}`);
  }
});
