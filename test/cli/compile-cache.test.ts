// The CLI keeps V8's compiled code of its chunks in the user's cache folder on Node ≥ 22.1 (the
// action's runtime and a job script's repeated `herald send`), never in a folder others can write.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NODE24, runCli, tempDir } from '../support/cli.js';
import { ensureBundle } from '../support/bundle.js';

before(() => ensureBundle());

const send = ['send', '--dry-run', '--title', 'cache me'];
const filesUnder = async (dir: string) => (await readdir(dir, { recursive: true })).length;

test('a run on Node 24 fills ~/.cache/herald/compile-cache (0700) and a second run uses it', async () => {
  const home = await tempDir('herald-cache-home-');
  const cwd = await tempDir();
  const first = await runCli(send, { cwd, node: NODE24, env: { XDG_CACHE_HOME: join(home, 'cache') } });
  assert.equal(first.code, 0, first.stderr);
  const dir = join(home, 'cache', 'herald', 'compile-cache');
  assert.equal((await stat(dir)).mode & 0o777, 0o700);
  assert.ok((await filesUnder(dir)) > 0, 'the chunks were compiled into the cache');
  const second = await runCli(send, { cwd, node: NODE24, env: { XDG_CACHE_HOME: join(home, 'cache') } });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout.split('\n')[0]!.replace(/"event_id":"[^"]+"|\d{4}-\d\d-\d\dT[\d:]+Z/g, ''), first.stdout.split('\n')[0]!.replace(/"event_id":"[^"]+"|\d{4}-\d\d-\d\dT[\d:]+Z/g, ''));
});

test('a cache folder others can write is not used, and HERALD_NO_COMPILE_CACHE turns it off', async () => {
  const home = await tempDir('herald-cache-home-');
  const cwd = await tempDir();
  const shared = join(home, 'cache', 'herald', 'compile-cache');
  await mkdir(shared, { recursive: true });
  await chmod(shared, 0o777);
  const open = await runCli(send, { cwd, node: NODE24, env: { XDG_CACHE_HOME: join(home, 'cache') } });
  assert.equal(open.code, 0, open.stderr);
  assert.equal(await filesUnder(shared), 0, 'nothing written to (or read from) a world-writable folder');
  const off = join(home, 'off');
  const disabled = await runCli(send, { cwd, node: NODE24, env: { XDG_CACHE_HOME: off, HERALD_NO_COMPILE_CACHE: '1' } });
  assert.equal(disabled.code, 0, disabled.stderr);
  await assert.rejects(stat(join(off, 'herald')), /ENOENT/);
});
