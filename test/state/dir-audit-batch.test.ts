// The dir backend writes audit entries in batches (issue 14 #1): entries recorded without waiting
// for each share one write of their lines and one of the sealed head. Batching must keep what the
// per-entry writes gave: one valid chain across processes, a head that covers every entry, a chain
// that a run stopped between its lines and its head leaves verifiable and continuable, and no
// entry left unwritten by a store that is closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DirStore } from '../../src/state/dir.js';
import { AuditLog } from '../../src/dispatch/audit.js';
import { verifyAudit } from '../../src/dispatch/audit-verify.js';
import { ROOT, TSX_LOADER, tempDir } from '../support/cli.js';

const KEY = 'audit-key-0123456789abcdef';
const quiet = { info() {}, debug() {}, warn() {}, error() {} };
const policy = { windowMs: 60_000, lruSize: 16 };
const DAY_MS = Date.parse('2026-05-03T17:22:25Z');

const record = (audit: AuditLog, id: string, atMs = DAY_MS) => audit.record({ event_id: id, sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, atMs);
const headOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'audit', 'head.json'), 'utf8')) as { count: number; size: number };
const chainLines = async (dir: string, day = '2026-05-03') => (await readFile(join(dir, 'audit', `${day}.jsonl`), 'utf8')).split('\n').filter(Boolean);

test('entries recorded together are written together: one chain in order, the head covers every one', async () => {
  const dir = await tempDir();
  const store = new DirStore(dir, policy, quiet);
  const audit = new AuditLog(KEY, store);
  await Promise.all(Array.from({ length: 250 }, (_, i) => record(audit, `e${i}`, DAY_MS + i)));
  const ids = (await chainLines(dir)).map((l) => (JSON.parse(l) as { resource_id: string }).resource_id);
  assert.deepEqual(ids, Array.from({ length: 250 }, (_, i) => `e${i}`), 'in the order recorded');
  const head = await headOf(dir);
  assert.equal(head.count, 250);
  assert.equal(head.size, (await stat(join(dir, 'audit', '2026-05-03.jsonl'))).size);
  assert.deepEqual(await verifyAudit(KEY, store), { ok: true, count: 250 });
  await store.close();
});

test('a batch that spans midnight goes to both days\' files, chained across them', async () => {
  const dir = await tempDir();
  const store = new DirStore(dir, policy, quiet);
  const audit = new AuditLog(KEY, store);
  await Promise.all([record(audit, 'a'), record(audit, 'b', DAY_MS + 86_400_000), record(audit, 'late', DAY_MS + 5)]);
  assert.equal((await chainLines(dir)).length, 1);
  assert.equal((await chainLines(dir, '2026-05-04')).length, 2, 'a late entry never goes back to an earlier day');
  assert.deepEqual(await verifyAudit(KEY, store), { ok: true, count: 3 });
  await store.close();
});

test('closing the store writes what is still queued', async () => {
  const dir = await tempDir();
  const store = new DirStore(dir, policy, quiet);
  const audit = new AuditLog(KEY, store);
  const written = [record(audit, 'x'), record(audit, 'y')];
  await store.close();
  await Promise.all(written);
  assert.equal((await chainLines(dir)).length, 2);
  assert.equal((await headOf(dir)).count, 2);
});

test('a run stopped between a batch\'s lines and its head: the chain verifies with a note, and the next run continues it', async () => {
  const dir = await tempDir();
  const first = new DirStore(dir, policy, quiet);
  const audit = new AuditLog(KEY, first);
  await Promise.all([0, 1, 2].map((i) => record(audit, `a${i}`, DAY_MS + i)));
  const headPath = join(dir, 'audit', 'head.json');
  await copyFile(headPath, `${headPath}.before`);
  await Promise.all([3, 4, 5, 6].map((i) => record(audit, `a${i}`, DAY_MS + i)));
  await first.close();
  await copyFile(`${headPath}.before`, headPath); // the head as it was before the second batch's head write
  const stopped = new DirStore(dir, policy, quiet);
  const result = await verifyAudit(KEY, stopped);
  assert.equal(result.ok, true);
  assert.equal(result.count, 7);
  assert.match(result.notes?.[0] ?? '', /4 entries after the sealed head/);
  const next = new DirStore(dir, policy, quiet);
  await Promise.all([record(new AuditLog(KEY, next), 'b0', DAY_MS + 9), record(new AuditLog(KEY, next), 'b1', DAY_MS + 10)]);
  await next.close();
  assert.deepEqual(await verifyAudit(KEY, new DirStore(dir, policy, quiet)), { ok: true, count: 9 });
  assert.equal((await headOf(dir)).count, 9);
});

function appender(dir: string, count: number, tag: string, onHalfway?: (pid: number) => void): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'test', 'support', 'audit-appender.ts'), dir, String(count), tag, 'together'], { env: { ...process.env, AUDIT_KEY: KEY }, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (d: Buffer) => {
    if (d.toString().includes('halfway')) onHalfway?.(child.pid!);
  });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))));
}

test('two processes writing batches at once keep one valid chain, and the head counts every entry', async () => {
  const dir = await tempDir();
  assert.deepEqual(await Promise.all([appender(dir, 1500, 'a'), appender(dir, 1500, 'b')]), [0, 0]);
  assert.deepEqual(await verifyAudit(KEY, new DirStore(dir, policy, quiet)), { ok: true, count: 3000 });
  assert.equal((await headOf(dir)).count, 3000);
});

test('a process killed halfway, with entries queued, leaves a chain that verifies, and the next run continues it', async () => {
  const dir = await tempDir();
  const code = await appender(dir, 6000, 'k', (pid) => process.kill(pid, 'SIGKILL'));
  assert.equal(code, -1, 'killed');
  const afterKill = await verifyAudit(KEY, new DirStore(dir, policy, quiet));
  assert.equal(afterKill.ok, true, JSON.stringify(afterKill));
  const next = new DirStore(dir, policy, quiet);
  await Promise.all([record(new AuditLog(KEY, next), 'after', Date.now())]);
  await next.close();
  assert.deepEqual(await verifyAudit(KEY, new DirStore(dir, policy, quiet)), { ok: true, count: afterKill.count + 1 });
});
