import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openTestHerald, testEvent } from '../support/herald.js';

// A plugin as users write one: plain ESM, no Herald imports.
const recorder = `import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
export default {
  kind: 'recorder',
  keys: ['file'],
  secretKeys: ['token'],
  create(options, info) {
    if (!options.file) throw new Error("recorder needs 'file'");
    const path = join(info.baseDir, options.file);
    return {
      async deliver(event) {
        if (event.title === 'reject') throw Object.assign(new Error('recorder refuses ' + options.token), { permanent: true });
        appendFileSync(path, JSON.stringify({ sink: info.id, id: event.event_id }) + '\\n');
      },
      async close() { appendFileSync(path, 'closed\\n'); },
    };
  },
};
`;

test('kind: plugin loads a module relative to the config and delivers through it', async () => {
  const herald = await openTestHerald(`notifications:
  sinks:
    - id: mine
      kind: plugin
      module: ./plugins/recorder.mjs
      options: { file: out.log, token: s3cr3t-token }
`, { files: { 'plugins/recorder.mjs': recorder } });
  const [ok] = await herald.send([testEvent()]);
  const [rejected] = await herald.send([testEvent({ event_id: 'x', title: 'reject' })]);
  await herald.close();
  assert.equal(ok!.outcome, 'delivered');
  assert.equal(rejected!.outcome, 'dead_lettered');
  assert.equal(rejected!.attempts, 1, 'a plugin error marked permanent is not retried');
  assert.equal(rejected!.error, 'recorder refuses ***', 'declared secret options are redacted');
  assert.equal(await readFile(join(herald.dir, 'out.log'), 'utf8'), '{"sink":"mine","id":"ev-1"}\nclosed\n');
});

test('notifications.plugins registers a kind with its own keys', async () => {
  const herald = await openTestHerald(`notifications:
  plugins: [./recorder.mjs]
  sinks:
    - id: rec
      kind: recorder
      file: rec.log
`, { files: { 'recorder.mjs': recorder } });
  await herald.send([testEvent()]);
  await herald.close();
  assert.match(await readFile(join(herald.dir, 'rec.log'), 'utf8'), /"sink":"rec"/);
});

test('a plugin cannot shadow a builtin kind', async () => {
  await assert.rejects(
    openTestHerald(`notifications:\n  plugins: [{ module: ./recorder.mjs, kind: slack }]\n  sinks: []\n`, { files: { 'recorder.mjs': recorder } }),
    (e: Error & { describe(): string }) => /plugins\[0\]: plugin kind 'slack' is already a builtin/.test(e.describe()),
  );
});

test('a plugin that cannot be loaded is a configuration error naming the sink', async () => {
  await assert.rejects(
    openTestHerald(`notifications:\n  sinks:\n    - id: ghost\n      kind: plugin\n      module: ./missing.mjs\n`),
    (e: Error & { describe(): string }) => /sinks\[0\]: plugin sink 'ghost' cannot be loaded/.test(e.describe()),
  );
  await assert.rejects(
    openTestHerald(`notifications:\n  sinks:\n    - id: bad\n      kind: plugin\n      module: ./recorder.mjs\n`, { files: { 'recorder.mjs': recorder } }),
    (e: Error & { describe(): string }) => /plugin sink 'bad' cannot be loaded: recorder needs 'file'/.test(e.describe()),
  );
});

test('a plugin receives the event as rendered: its template and labels, and what `herald render` shows', async () => {
  const shower = `import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
export default function create(options, info) {
  return {
    render: (event) => ({ line: event.title + ' / ' + event.labels.team }),
    async deliver(event, ctx) {
      appendFileSync(join(info.baseDir, 'got.jsonl'), JSON.stringify({ title: event.title, team: event.labels.team, rendered: ctx.rendered }) + '\\n');
    },
  };
}
`;
  const herald = await openTestHerald(`notifications:
  sinks:
    - id: shown
      kind: plugin
      module: ./shower.mjs
      labels: { team: platform }
      template: { title: "[{{severity}}] {{title}}" }
`, { files: { 'shower.mjs': shower } });
  const rendered = herald.render([testEvent({ title: 'disk full', severity: 'error' })]);
  const [outcome] = await herald.send([testEvent({ title: 'disk full', severity: 'error' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const got = JSON.parse((await readFile(join(herald.dir, 'got.jsonl'), 'utf8')).trim()) as Record<string, unknown>;
  assert.deepEqual(got, { title: '[error] disk full', team: 'platform', rendered: { line: '[error] disk full / platform' } });
  assert.deepEqual(rendered[0]!.message!.body, got.rendered, 'delivered what render showed');
});
