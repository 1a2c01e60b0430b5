// The CLI keeps V8's compiled code in the user's cache folder (Node's module compile cache on
// Node ≥ 22.1, and its chunks' own code cache, made after a run, on every Node: the action's
// runtime and a job script's repeated `herald send`), never in a folder others can write.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { baseEnv, NODE24, ROOT, runCli, tempDir } from '../support/cli.js';
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

/** Each chunk a run read, and whether it came from the chunk cache (HERALD_DEBUG_CHUNKS). */
const chunkReads = (stderr: string) => [...stderr.matchAll(/^herald: chunk (\S+) \((cached|compiled)\)$/gm)].map((m) => ({ chunk: m[1]!, cached: m[2] === 'cached' }));

for (const [runtime, node] of [['Node 20', process.execPath], ['Node 24', NODE24]] as const) {
  test(`on ${runtime} the chunks' code cache, made after a run, serves the next run (0700 folder, 0600 files)`, async () => {
    const home = await tempDir('herald-chunk-cache-');
    const cwd = await tempDir();
    const env = { XDG_CACHE_HOME: join(home, 'cache'), HERALD_DEBUG_CHUNKS: '1' };
    const first = await runCli(send, { cwd, node, env });
    assert.equal(first.code, 0, first.stderr);
    const firstReads = chunkReads(first.stderr);
    assert.ok(firstReads.length > 3 && firstReads.every((r) => !r.cached), first.stderr);
    const second = await runCli(send, { cwd, node, env });
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(chunkReads(second.stderr), firstReads.map((r) => ({ ...r, cached: true })));
    const root = join(home, 'cache', 'herald', 'compile-cache');
    const [chunkFolder] = (await readdir(root)).filter((name) => name.startsWith('chunks-'));
    assert.ok(chunkFolder, 'a folder per Node version');
    assert.equal((await stat(join(root, chunkFolder))).mode & 0o777, 0o700);
    for (const file of await readdir(join(root, chunkFolder))) assert.equal((await stat(join(root, chunkFolder, file))).mode & 0o777, 0o600, file);
  });
}

test('a damaged cache file is refused and rebuilt; a changed chunk never runs old cached code', async () => {
  const home = await tempDir('herald-chunk-cache-');
  const cwd = await tempDir();
  const env = { XDG_CACHE_HOME: join(home, 'cache'), HERALD_DEBUG_CHUNKS: '1' };
  // A copy of the CLI folder, run as a job script would, so one of its chunks can be edited.
  const copy = await tempDir('herald-cli-copy-');
  await cp(join(ROOT, 'dist', 'cli'), copy, { recursive: true });
  const cli = join(copy, 'index.js');
  const run = () => runCliAt(cli, send, cwd, env);
  assert.equal((await run()).code, 0);
  const root = join(home, 'cache', 'herald', 'compile-cache');
  const [chunkFolder] = (await readdir(root)).filter((name) => name.startsWith('chunks-'));
  const files = await readdir(join(root, chunkFolder!));
  for (const file of files) await writeFile(join(root, chunkFolder!, file), 'not a code cache');
  const damaged = await run();
  assert.equal(damaged.code, 0, damaged.stderr);
  assert.ok(chunkReads(damaged.stderr).every((r) => !r.cached), 'every damaged entry was refused');
  assert.ok(chunkReads((await run()).stderr).every((r) => r.cached), 'and rebuilt');
  // The same length, other content: V8 alone would take the old cache (it checks the length).
  const chunks = await readdir(join(copy, 'chunks'));
  let edited = 0;
  for (const chunk of chunks) {
    const text = await readFile(join(copy, 'chunks', chunk), 'utf8');
    if (!text.includes('no config found: using the built-in default')) continue;
    await writeFile(join(copy, 'chunks', chunk), text.replace('no config found: using the built-in default', 'NO CONFIG FOUND: using the built-in default'));
    edited++;
  }
  assert.ok(edited > 0);
  const changed = await run();
  assert.equal(changed.code, 0, changed.stderr);
  assert.match(changed.stderr, /NO CONFIG FOUND: using the built-in default/);
});

test("a chunk's cache files from other builds are removed once a day old; a recent one stays", async () => {
  const home = await tempDir('herald-chunk-cache-');
  const cwd = await tempDir();
  const env = { XDG_CACHE_HOME: join(home, 'cache'), HERALD_DEBUG_CHUNKS: '1' };
  const first = await runCli(send, { cwd, node: NODE24, env });
  const chunk = `${chunkReads(first.stderr)[0]!.chunk.replace(/\W/g, '_')}.send_dry`;
  const folder = join(home, 'cache', 'herald', 'compile-cache', (await readdir(join(home, 'cache', 'herald', 'compile-cache'))).find((name) => name.startsWith('chunks-'))!);
  const current = (await readdir(folder)).filter((name) => name.startsWith(`${chunk}-`));
  assert.equal(current.length, 1);
  for (const file of current) await writeFile(join(folder, file), 'damaged: rewritten on the next run');
  const old = join(folder, `${chunk}-oldbuild`);
  const recent = join(folder, `${chunk}-otherinstall`);
  await writeFile(old, 'x');
  await writeFile(recent, 'x');
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  await utimes(old, twoDaysAgo, twoDaysAgo);
  const second = await runCli(send, { cwd, node: NODE24, env });
  assert.equal(second.code, 0, second.stderr);
  const after = await readdir(folder);
  assert.ok(!after.includes(`${chunk}-oldbuild`), 'the day-old file of another build is gone');
  assert.ok(after.includes(`${chunk}-otherinstall`), 'a recent one (another install in use) stays');
  assert.ok(after.includes(current[0]!), 'the rewritten entry is there');
});

test('each command keeps its own cache of a chunk, so one command never runs on what another compiled', async () => {
  const home = await tempDir('herald-chunk-cache-');
  const cwd = await tempDir();
  const env = { XDG_CACHE_HOME: join(home, 'cache'), HERALD_DEBUG_CHUNKS: '1' };
  await writeFile(join(cwd, 'herald.yml'), 'notifications:\n  sinks:\n    - { id: console, kind: console }\n');
  const validate = await runCli(['validate'], { cwd, node: NODE24, env });
  assert.equal(validate.code, 0, validate.stderr);
  const dryRun = await runCli(send, { cwd, node: NODE24, env });
  assert.equal(dryRun.code, 0, dryRun.stderr);
  // Both read the config chunks; the dry run compiled its own cache of them, it did not take validate's.
  const shared = chunkReads(validate.stderr).map((r) => r.chunk).filter((chunk) => chunkReads(dryRun.stderr).some((r) => r.chunk === chunk));
  assert.ok(shared.length > 2, `validate and send share chunks: ${shared.join(', ')}`);
  assert.ok(chunkReads(dryRun.stderr).every((r) => !r.cached), dryRun.stderr);
  assert.ok(chunkReads((await runCli(send, { cwd, node: NODE24, env })).stderr).every((r) => r.cached), 'its second run reads its own cache');
  const folder = join(home, 'cache', 'herald', 'compile-cache', (await readdir(join(home, 'cache', 'herald', 'compile-cache'))).find((name) => name.startsWith('chunks-'))!);
  const names = await readdir(folder);
  for (const chunk of shared) {
    const stem = chunk.replace(/\W/g, '_');
    assert.ok(names.some((name) => name.startsWith(`${stem}.validate-`)) && names.some((name) => name.startsWith(`${stem}.send_dry-`)), `${chunk}: ${names.join(', ')}`);
  }
});

function runCliAt(cli: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(NODE24, [cli, ...args], { cwd, env: baseEnv(env) }, (error, _stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }));
  });
}
