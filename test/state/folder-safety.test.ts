// Files an attacker can plant (issue 12 #7, #8): a repository that commits links in the state
// folder, a state folder others can write, a dead-letter fallback folder someone else made first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, chown, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DirStore } from '../../src/state/dir.js';
import { appendNoFollow } from '../../src/state/files.js';
import { privateFolder } from '../../src/state/safe-dir.js';
import { deadLetterRescue } from '../../src/dispatch/dead-letter-rescue.js';
import { CursorWriter } from '../../src/sources/usr-events/cursor.js';
import { ConfigError } from '../../src/core/errors.js';
import { buildEvent } from '../../src/core/event.js';
import { runCli, tempDir, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';

const policy = { windowMs: 60_000, lruSize: 16 };
const quiet = () => {
  const warnings: string[] = [];
  return { warnings, info() {}, debug() {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
};
const letter = { id: 'dl-1', sink_id: 'hook', event: buildEvent({ kind: 'post_task', event_id: 'e1' }, 1), reason: 'permanent:HTTP 400', ts: 1, attempts: 1 };
const config = (url: string) => `notifications:\n  audit: {key: "audit-key-0123456789"}\n  retry: {max_attempts: 1}\n  sinks:\n    - {id: hook, kind: webhook, url: "${url}"}\n`;

test('a committed link in the state folder is refused: send exits 2 naming it, the outside file is untouched', async () => {
  const receiver = await startReceiver({ status: 400, body: 'bad request' });
  try {
    for (const name of ['dead_letter.jsonl', 'dedup.jsonl', `audit/${new Date().toISOString().slice(0, 10)}.jsonl`]) {
      const dir = await workspace({ 'herald.yml': config(receiver.url), 'outside.txt': 'precious\n' });
      const planted = join(dir, '.herald', 'state', name);
      await mkdir(join(planted, '..'), { recursive: true, mode: 0o700 });
      await chmod(join(dir, '.herald', 'state'), 0o700);
      await symlink(join(dir, 'outside.txt'), planted);
      const sent = await runCli(['send', '--event-id', 'x', '--title', 'attack'], { cwd: dir, source: true });
      assert.equal(sent.code, 2, `${name}: ${sent.stderr}`);
      assert.ok(sent.stderr.includes(planted), `${name}: ${sent.stderr}`);
      assert.match(sent.stderr, /is a symbolic link/);
      assert.doesNotMatch(sent.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(await readFile(join(dir, 'outside.txt'), 'utf8'), 'precious\n', name);
    }
  } finally {
    await receiver.close();
  }
});

test('a state folder others can write (0777), or one that is a link, is refused with exit 2 and the fix', async () => {
  const dir = await workspace({ 'herald.yml': config('http://127.0.0.1:9/x') });
  await mkdir(join(dir, 'state'));
  await chmod(join(dir, 'state'), 0o777);
  const loose = await runCli(['dlq', 'list', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(loose.code, 2, loose.stderr);
  assert.match(loose.stderr, /state folder .*\/state is writable by group or others \(mode 0777\)/);
  assert.match(loose.stderr, /chmod 700 .*\/state/);
  await mkdir(join(dir, 'elsewhere'), { mode: 0o700 });
  await symlink(join(dir, 'elsewhere'), join(dir, 'linked'));
  const linked = await runCli(['dlq', 'list', '--state-dir', 'linked'], { cwd: dir, source: true });
  assert.equal(linked.code, 2, linked.stderr);
  assert.match(linked.stderr, /state folder .*\/linked is a symbolic link/);
  assert.deepEqual(await readdir(join(dir, 'elsewhere')), []);
});

test('in process: a link in the state folder or in one of its folders, a loose subfolder, another owner', async () => {
  const dir = join(await tempDir(), 'state');
  await mkdir(join(dir, 'audit'), { recursive: true, mode: 0o700 });
  await symlink('/etc/hostname', join(dir, 'audit', 'head.json'));
  await assert.rejects(new DirStore(dir, policy, quiet()).listDeadLetters(), (e: unknown) => e instanceof ConfigError && e.message.includes(join(dir, 'audit', 'head.json')));
  const loose = join(await tempDir(), 'state');
  await mkdir(join(loose, 'cursors'), { recursive: true, mode: 0o700 });
  await chmod(join(loose, 'cursors'), 0o757);
  await assert.rejects(new DirStore(loose, policy, quiet()).setCursor('x', 1), /cursors is writable by group or others \(mode 0757\)/);
  if (process.getuid?.() === 0) {
    const foreign = join(await tempDir(), 'state');
    await mkdir(foreign, { mode: 0o700 });
    await chown(foreign, 12345, 12345);
    await assert.rejects(new DirStore(foreign, policy, quiet()).listDeadLetters(), /is owned by uid 12345, not by you/);
  }
});

test('opens refuse links even past the folder check (O_NOFOLLOW): append, and the cursor temp file', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'outside'), 'keep\n');
  await symlink(join(dir, 'outside'), join(dir, 'dead_letter.jsonl'));
  await assert.rejects(appendNoFollow(join(dir, 'dead_letter.jsonl'), 'x\n'), /dead_letter\.jsonl is a symbolic link/);
  const cursor = join(dir, 'cursor');
  await symlink(join(dir, 'outside'), `${cursor}.tmp-${process.pid}`);
  await new CursorWriter(cursor).save(42, null);
  assert.equal(await readFile(cursor, 'utf8'), '42');
  assert.equal(await readFile(join(dir, 'outside'), 'utf8'), 'keep\n');
});

test('the dead-letter fallback folder is made 0700, or replaced by a fresh mkdtemp folder when unsafe', async () => {
  const base = await tempDir();
  const fresh = await privateFolder(join(base, 'fresh'));
  assert.deepEqual(fresh, { dir: join(base, 'fresh') });
  assert.equal((await stat(fresh.dir)).mode & 0o777, 0o700);
  await mkdir(join(base, 'open'));
  await chmod(join(base, 'open'), 0o777);
  const open = await privateFolder(join(base, 'open'));
  assert.notEqual(open.dir, join(base, 'open'));
  assert.match(open.replaced!, /has mode 0777, not 0700/);
  assert.equal((await stat(open.dir)).mode & 0o777, 0o700);
});

test('a fallback folder planted as a link: the letter goes to a mkdtemp folder, named in the warning', async () => {
  const base = await tempDir();
  await mkdir(join(base, 'attacker'), { mode: 0o700 });
  const fallback = join(base, 'herald-dead-letters-0');
  await symlink(join(base, 'attacker'), fallback);
  const log = quiet();
  const rescue = deadLetterRescue({ dirs: [join(base, 'not-a-dir.txt', 'state')], privateDir: fallback, policy, log });
  await writeFile(join(base, 'not-a-dir.txt'), '');
  assert.equal(await rescue(letter, new Error('disk full')), true);
  assert.deepEqual(await readdir(join(base, 'attacker')), [], 'nothing written through the link');
  const warning = log.warnings.find((w) => w.includes('is a symbolic link'));
  const used = /dead letters go to (\S+) instead/.exec(warning ?? '')?.[1];
  assert.ok(used?.startsWith(`${fallback}-`), log.warnings.join('\n'));
  assert.equal((await stat(used!)).mode & 0o777, 0o700);
  assert.equal((await new DirStore(used!, policy, quiet()).listDeadLetters())[0]?.id, 'dl-1');
  assert.ok(log.warnings.some((w) => w.includes(`kept in ${used}`)));
});

test('the default location: a committed `.herald` link is refused before anything is opened', async () => {
  const { openStateStore } = await import('../../src/state/open.js');
  const cwd = await tempDir();
  await mkdir(join(cwd, 'elsewhere'), { mode: 0o700 });
  await symlink(join(cwd, 'elsewhere'), join(cwd, '.herald'));
  const block = { state: { backend: 'dir' }, dedup_window_seconds: 60, dedup_lru_size: 16 } as unknown as Parameters<typeof openStateStore>[0]['block'];
  await assert.rejects(openStateStore({ choice: {}, block, cwd, baseDir: cwd, env: {}, log: quiet() }), (e: unknown) => e instanceof ConfigError && e.message.includes(`${join(cwd, '.herald')} is a symbolic link`));
  assert.deepEqual(await readdir(join(cwd, 'elsewhere')), []);
});
