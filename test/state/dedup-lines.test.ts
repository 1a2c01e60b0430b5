// dedup.jsonl is read at the start of every send: Herald's own lines take a fast path, every
// other line (Bernstein's, ids that need escaping) still counts, and a corrupt line is named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirDedupLog } from '../../src/state/dir-dedup.js';
import { encodeDedup } from '../../src/state/dedup-lines.js';

test('own, Bernstein and escaped lines are all remembered; a corrupt line is skipped with its number', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'herald-dedup-lines-'));
  try {
    const now = Date.now();
    const lines = [
      encodeDedup({ event_id: 'plain-1', ts: now / 1000, sink_id: 'slack@abc' }),
      `{"event_id": "bernstein-1", "ts": ${now / 1000}}\n`,
      encodeDedup({ event_id: 'quote"d \u00e9', ts: now / 1000, sink_id: 'slack@abc' }),
      '\n',
      '{"event_id": "torn\n',
      encodeDedup({ event_id: 'old', ts: now / 1000 - 7 * 3600, sink_id: 'slack@abc' }),
      '{"event_id": "plain-2", "ts": 1.7e+09, "sink_id": "slack@abc"}\n',
    ];
    await writeFile(join(dir, 'dedup.jsonl'), lines.join(''));
    const warnings: string[] = [];
    const log = { info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const dedup = new DirDedupLog(dir, { windowMs: 6 * 3600_000, lruSize: 1000 }, log as never);
    dedup.refresh();
    assert.equal(dedup.isSeen('slack@abc', 'plain-1', now), true);
    assert.equal(dedup.isSeen('discord@def', 'plain-1', now), false);
    assert.equal(dedup.isSeen('discord@def', 'bernstein-1', now), true, 'a line without sink_id stands for every sink');
    assert.equal(dedup.isSeen('slack@abc', 'quote"d \u00e9', now), true);
    assert.equal(dedup.isSeen('slack@abc', 'old', now), false, 'outside the window');
    assert.equal(dedup.isSeen('slack@abc', 'plain-2', 1.7e12 + 1000), true, 'an exponent timestamp');
    assert.deepEqual(warnings.length, 1);
    assert.match(warnings[0]!, /dedup\.jsonl: skipped line 5 \(not valid JSON\)/);
    assert.equal(dedup.bloat.lines, 7, 'every line of the file, the blank one included');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
