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

test('library users get type declarations through the package exports', async () => {
  const { symlink, mkdir, writeFile } = await import('node:fs/promises');
  const { execFileSync } = await import('node:child_process');
  const dir = await workspace({
    'consumer.ts': `import { createHerald, type Outcome, type NotificationEvent } from 'herald-notify';
const herald = await createHerald({ config: 'herald.yml' });
const outcomes: Outcome[] = await herald.send([{ kind: 'post_task', task_id: 't', outcome: 'failed' }]);
const first: string = outcomes[0]!.outcome;
const event: NotificationEvent | undefined = undefined;
// @ts-expect-error: an unknown option is a type error for library users
await createHerald({ configFile: 'x' });
export { first, event };
`,
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['consumer.ts'] }),
    'package.json': '{"type": "module"}',
  });
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await symlink(ROOT, join(dir, 'node_modules', 'herald-notify'));
  await writeFile(join(dir, 'herald.yml'), 'notifications: {}\n');
  // Throws (and fails the test) on any type error in the consumer.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { stdio: 'pipe' });
});
