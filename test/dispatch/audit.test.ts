import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sealEntry, verifyChain } from '../../src/dispatch/audit.js';

const vectorEntry = {
  actor: 'sink:slack-ops',
  details: { attempts: 1, event_id: 'evt-1', kind: 'post_task', outcome: 'delivered', sink_id: 'slack-ops' },
  event_type: 'notification.delivery',
  resource_id: 'evt-1',
  resource_type: 'notification',
  timestamp: '2026-05-03T17:22:25.000000Z',
};

test('the HMAC matches Bernstein\'s AuditLog test vector', () => {
  const sealed = sealEntry('k'.repeat(64), '0'.repeat(64), vectorEntry);
  assert.equal(sealed.hmac, '3ef6ecb263fddf5d1276ef2ad4f3f389f7f079822cabd8b2efab0fcedc14922a');
});

async function* lines(texts: string[]) {
  let i = 0;
  for (const text of texts) yield { source: 'audit.jsonl', line: ++i, text };
}

test('verification walks the chain and names the first altered line', async () => {
  const key = 'k'.repeat(64);
  const first = sealEntry(key, '0'.repeat(64), vectorEntry);
  const second = sealEntry(key, first.hmac as string, { ...vectorEntry, resource_id: 'evt-2' });
  const good = [JSON.stringify(first), JSON.stringify(second)];
  assert.deepEqual(await verifyChain(key, lines(good)), { ok: true, count: 2 });
  const tampered = [good[0]!, good[1]!.replace('evt-2', 'evt-3')];
  const result = await verifyChain(key, lines(tampered));
  assert.equal(result.ok, false);
  assert.equal(result.broken?.line, 2);
  const dropped = await verifyChain(key, lines([good[1]!]));
  assert.equal(dropped.ok, false);
  assert.match(dropped.broken!.reason, /prev_hmac/);
});

test('the stored line built once is byte for byte the sorted Python JSON of the sealed entry', async () => {
  const { sealLine } = await import('../../src/dispatch/audit.js');
  const { pythonJson } = await import('../../src/core/python-format.js');
  const key = 'k'.repeat(64);
  const unusual = [
    { ...vectorEntry, details: { ...vectorEntry.details, error: 'said "prev_hmac": \u00e9 here', prev_hmac: 'x' } },
    { ...vectorEntry, actor: 'sink:\u{1F680}\n"x"', resource_id: '' },
    // Not the six keys of an entry (an extra one, a missing one): the generic dump.
    { ...vectorEntry, zeta: 1, alpha: 'a' } as unknown as typeof vectorEntry,
    { ...vectorEntry, timestamp: undefined } as unknown as typeof vectorEntry,
  ];
  for (const entry of [vectorEntry, ...unusual]) {
    const sealed = sealLine(Buffer.from(key), '0'.repeat(64), entry);
    assert.equal(sealed.line, pythonJson(sealEntry(key, '0'.repeat(64), entry), { sortKeys: true }));
    assert.equal(sealed.hmac, sealEntry(key, '0'.repeat(64), entry).hmac);
  }
});
