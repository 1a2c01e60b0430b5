import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, workspace } from '../support/cli.js';
import { ensureBundle } from '../support/bundle.js';

before(() => ensureBundle());

test('the library bundle: createHerald loads a config and sends, with stable ids and outcomes', async () => {
  const dir = await workspace({ 'herald.yml': 'notifications:\n  sinks:\n    - {id: out, kind: file, path: sent.jsonl}\n' });
  const { createHerald, deriveEventId } = (await import(pathToFileURL(join(ROOT, 'dist', 'lib', 'index.js')).href)) as typeof import('../../src/index.js');
  const herald = await createHerald({ cwd: dir, env: {} });
  try {
    const outcomes = await herald.send([{ kind: 'post_task', task_id: 'train-7', outcome: 'failed', title: 'Training failed', timestamp: 1714752000 }]);
    assert.equal(outcomes[0]!.outcome, 'delivered');
    assert.equal(outcomes[0]!.event_id, deriveEventId('post_task', 'train-7', null, 1714752000));
    const again = await herald.send([{ kind: 'post_task', task_id: 'train-7', outcome: 'failed', title: 'Training failed', timestamp: 1714752000 }]);
    assert.equal(again[0]!.outcome, 'deduplicated');
  } finally {
    await herald.close();
  }
  const line = JSON.parse((await readFile(join(dir, 'sent.jsonl'), 'utf8')).trim());
  assert.equal(line.severity, 'error');
  assert.equal(line.task_id, 'train-7');
});
