// The dispatcher does not wait for each audit entry (the dir store writes them in batches, issue
// 14 #1), but a send still returns only once every entry is written, and an audit write that fails
// is warned about for each entry without touching the deliveries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startReceiver } from '../support/receiver.js';
import { heraldWith, testEvent, webhookConfig } from '../support/herald.js';
import { verifyAudit } from '../../src/dispatch/audit-verify.js';

const KEY = 'a-very-secret-audit-key-123';
const withAudit = (url: string) => webhookConfig(url, { top: '  audit: {key: "${AUDIT_KEY}"}\n' });
const events = (n: number, tag: string) => Array.from({ length: n }, (_, i) => testEvent({ event_id: `${tag}-${i}`, task_id: `t-${i}` }));

test('a send returns once every audit entry of its events is written and covered by the head', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const herald = await heraldWith(withAudit(receiver.url), { AUDIT_KEY: KEY });
  t.after(() => herald.close());
  const outcomes = await herald.send(events(300, 'b'));
  assert.equal(outcomes.filter((o) => o.outcome === 'delivered').length, 300);
  // Read before the store is closed: nothing may still be queued.
  const head = JSON.parse(await readFile(join(herald.dir, '.herald', 'state', 'audit', 'head.json'), 'utf8')) as { count: number };
  assert.equal(head.count, 300);
  assert.deepEqual(await verifyAudit(KEY, herald.store), { ok: true, count: 300 });
});

test('an audit write that fails is warned about for each entry; the deliveries are not affected', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const herald = await heraldWith(withAudit(receiver.url), { AUDIT_KEY: KEY });
  t.after(() => herald.close());
  const audit = join(herald.dir, '.herald', 'state', 'audit');
  await mkdir(audit, { recursive: true, mode: 0o700 });
  await writeFile(join(herald.dir, 'elsewhere'), '');
  await symlink(join(herald.dir, 'elsewhere'), join(audit, 'head.json')); // refused: never written through a link
  const outcomes = await herald.send(events(5, 'f'));
  assert.deepEqual(outcomes.map((o) => o.outcome), Array(5).fill('delivered'));
  assert.equal(receiver.requests.length, 5);
  const skipped = herald.warnings.filter((w) => w.startsWith('audit record skipped'));
  assert.equal(skipped.length, 5, herald.warnings.join('\n'));
  assert.equal(await readFile(join(herald.dir, 'elsewhere'), 'utf8'), '', 'nothing written through the link');
});
