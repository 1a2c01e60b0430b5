// The dir backend's audit chain with its sealed head: appends take the tip from the head (not
// from reading the log), concurrent processes keep one valid chain, and verification reports a
// missing tail, an emptied or deleted log and a torn last line (issue 12 #9, issue 14 #1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DirStore } from '../../src/state/dir.js';
import { AuditLog, sealEntry } from '../../src/dispatch/audit.js';
import { NO_HEAD_NOTE, verifyAudit } from '../../src/dispatch/audit-verify.js';
import { pythonJson } from '../../src/core/python-format.js';
import { ROOT, TSX_LOADER, tempDir } from '../support/cli.js';

const KEY = 'audit-key-0123456789abcdef';
const quiet = { info() {}, debug() {}, warn() {}, error() {} };
const policy = { windowMs: 60_000, lruSize: 16 };
const DAY_MS = Date.parse('2026-05-03T17:22:25Z');

async function chainOf(n: number, dir?: string): Promise<{ dir: string; store: DirStore; file: string }> {
  dir ??= await tempDir();
  const store = new DirStore(dir, policy, quiet);
  const audit = new AuditLog(KEY, store);
  for (let i = 0; i < n; i++) await audit.record({ event_id: `e${i}`, sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, DAY_MS + i);
  return { dir, store, file: join(dir, 'audit', '2026-05-03.jsonl') };
}

const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean);

test('each append updates a sealed head 0600 beside the chain; an intact chain verifies with no note', async () => {
  const { dir, store } = await chainOf(3);
  const head = JSON.parse(await readFile(join(dir, 'audit', 'head.json'), 'utf8')) as { count: number; file: string; hmac: string };
  assert.equal(head.count, 3);
  assert.equal(head.file, '2026-05-03.jsonl');
  assert.equal((await stat(join(dir, 'audit', 'head.json'))).mode & 0o777, 0o600);
  assert.deepEqual(await verifyAudit(KEY, store), { ok: true, count: 3 });
  await store.close();
  assert.deepEqual((await readdir(join(dir, 'audit'))).sort(), ['2026-05-03.jsonl', 'head.json'], 'no lock or temp file left behind');
});

test('the tip comes from the head, not from reading the log: an append does not re-read the chain', async () => {
  const { store, file } = await chainOf(2);
  const [first, second] = await lines(file);
  const realTip = (JSON.parse(second!) as { hmac: string }).hmac;
  // Same size, different last hmac: the old code (last line of the file) would chain to this one.
  const decoy = second!.replace(realTip, realTip.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')));
  await writeFile(file, `${first}\n${decoy}\n`);
  await new AuditLog(KEY, store).record({ event_id: 'e2', sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, DAY_MS + 9);
  const third = JSON.parse((await lines(file))[2]!) as { prev_hmac: string };
  assert.equal(third.prev_hmac, realTip);
});

test('a line appended by Bernstein (no head) is picked up: Herald chains after it and the head covers it', async () => {
  const { store, file } = await chainOf(2);
  const prev = (JSON.parse((await lines(file))[1]!) as { hmac: string }).hmac;
  const entry = { actor: 'sink:b', details: { attempts: 1, event_id: 'bern', kind: 'post_task', outcome: 'delivered', sink_id: 'b' }, event_type: 'notification.delivery', resource_id: 'bern', resource_type: 'notification', timestamp: '2026-05-03T17:22:26.000000Z' };
  await appendFile(file, pythonJson(sealEntry(KEY, prev, entry), { sortKeys: true }) + '\n');
  assert.match((await verifyAudit(KEY, store)).notes?.[0] ?? '', /1 entries after the sealed head/);
  await new AuditLog(KEY, store).record({ event_id: 'e3', sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, DAY_MS + 2000);
  assert.deepEqual(await verifyAudit(KEY, store), { ok: true, count: 4 });
});

test('deleted entries at the end are a missing tail naming the file; appending later does not hide the gap', async () => {
  const { store, file } = await chainOf(4);
  const kept = (await lines(file)).slice(0, 2);
  await writeFile(file, kept.map((l) => l + '\n').join(''));
  const result = await verifyAudit(KEY, store);
  assert.equal(result.ok, false);
  assert.equal(result.broken?.source, file);
  assert.match(result.broken!.reason, /missing tail: the sealed head .*head\.json\) records 4 entries, the log holds 2/);
  await new AuditLog(KEY, store).record({ event_id: 'later', sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, DAY_MS + 50);
  const after = await verifyAudit(KEY, store);
  assert.equal(after.ok, false, 'the next entry links to the sealed tip, so the gap stays visible');
  assert.match(after.broken!.reason, /prev_hmac/);
});

test('an emptied log and a deleted log are reported, naming the file', async () => {
  for (const damage of [(f: string) => truncate(f, 0), (f: string) => rm(f)]) {
    const { store, file } = await chainOf(3);
    await damage(file);
    const result = await verifyAudit(KEY, store);
    assert.equal(result.ok, false);
    assert.equal(result.broken?.source, file);
    assert.match(result.broken!.reason, /the audit log is empty or deleted: its sealed head .* records 3 entries/);
  }
});

test('a torn last line (a write cut short) is reported as torn', async () => {
  const { store, file } = await chainOf(3);
  const size = (await stat(file)).size;
  await truncate(file, size - 20);
  const result = await verifyAudit(KEY, store);
  assert.equal(result.ok, false);
  assert.equal(result.broken?.line, 3);
  assert.match(result.broken!.reason, /torn last line/);
});

test('a head edited to hide deletions fails its seal', async () => {
  const { dir, store, file } = await chainOf(3);
  await writeFile(file, (await lines(file)).slice(0, 1).map((l) => l + '\n').join(''));
  const headPath = join(dir, 'audit', 'head.json');
  await writeFile(headPath, (await readFile(headPath, 'utf8')).replace('"count":3', '"count":1'));
  const result = await verifyAudit(KEY, store);
  assert.equal(result.ok, false);
  assert.match(result.broken!.reason, /sealed head does not match its seal/);
});

test('a Bernstein chain with no head verifies as before, with a note that truncation cannot be detected', async () => {
  const dir = await tempDir();
  const entry = { actor: 'sink:f', details: { attempts: 1, event_id: 'evt-1', kind: 'post_task', outcome: 'delivered', sink_id: 'f' }, event_type: 'notification.delivery', resource_id: 'evt-1', resource_type: 'notification', timestamp: '2026-05-03T17:22:25.000000Z' };
  const { writeFile: write, mkdir } = await import('node:fs/promises');
  await mkdir(join(dir, 'audit'), { recursive: true });
  await write(join(dir, 'audit', '2026-05-03.jsonl'), pythonJson(sealEntry(KEY, '0'.repeat(64), entry), { sortKeys: true }) + '\n');
  const store = new DirStore(dir, policy, quiet);
  assert.deepEqual(await verifyAudit(KEY, store), { ok: true, count: 1, notes: [NO_HEAD_NOTE] });
  // Herald appending to it starts the head; the chain stays Bernstein's format.
  await new AuditLog(KEY, store).record({ event_id: 'e', sink_id: 'f', outcome: 'delivered', kind: 'post_task', attempts: 1 }, DAY_MS + 5000);
  assert.deepEqual(await verifyAudit(KEY, store), { ok: true, count: 2 });
});

test('a permanent failure is audited as failed_permanent, Bernstein\'s name, whether or not it was dead-lettered', async () => {
  const { store, file } = await chainOf(0);
  await new AuditLog(KEY, store).record({ event_id: 'x', sink_id: 'hook', outcome: 'dead_lettered', kind: 'post_task', attempts: 3, error: 'HTTP 400' }, DAY_MS);
  await new AuditLog(KEY, store).record({ event_id: 'y', sink_id: 'hook', outcome: 'filtered', kind: 'post_task', attempts: 0 }, DAY_MS);
  const outcomes = (await lines(file)).map((l) => (JSON.parse(l) as { details: { outcome: string } }).details.outcome);
  assert.deepEqual(outcomes, ['failed_permanent', 'filtered']);
});

function appender(dir: string, count: number, tag: string): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'test', 'support', 'audit-appender.ts'), dir, String(count), tag], { env: { ...process.env, AUDIT_KEY: KEY }, stdio: 'inherit' });
  return new Promise((resolve) => child.on('close', resolve));
}

test('two processes appending at once keep one valid chain, and the head counts every entry', async () => {
  const dir = await tempDir();
  const codes = await Promise.all([appender(dir, 300, 'a'), appender(dir, 300, 'b')]);
  assert.deepEqual(codes, [0, 0]);
  const store = new DirStore(dir, policy, quiet);
  assert.deepEqual(await verifyAudit(KEY, store), { ok: true, count: 600 });
  const head = JSON.parse(await readFile(join(dir, 'audit', 'head.json'), 'utf8')) as { count: number };
  assert.equal(head.count, 600);
});

test('the chain runs on across days: a new day\'s file links to the last entry of the previous one', async () => {
  const { dir, store } = await chainOf(2);
  const audit = new AuditLog(KEY, store);
  await audit.record({ event_id: 'next-day', sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, DAY_MS + 86_400_000);
  // A late entry stamped with the earlier day still goes to the newest file: the chain never goes back.
  await audit.record({ event_id: 'late', sink_id: 'hook', outcome: 'delivered', kind: 'post_task', attempts: 1 }, DAY_MS + 3);
  assert.deepEqual((await readdir(join(dir, 'audit'))).filter((n) => n.endsWith('.jsonl')).sort(), ['2026-05-03.jsonl', '2026-05-04.jsonl']);
  assert.equal((await lines(join(dir, 'audit', '2026-05-04.jsonl'))).length, 2);
  assert.deepEqual(await verifyAudit(KEY, store), { ok: true, count: 4 });
});
