// A dead letter the state store cannot take is kept in a local folder `herald dlq` reads back, or
// printed whole on stderr when no folder will take it: never only a warning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { startReceiver } from '../support/receiver.js';
import { jsonLines, runCli, workspace } from '../support/cli.js';
import { ensureBundle } from '../support/bundle.js';

const config = (url: string) => `notifications:\n  retry: {max_attempts: 1}\n  sinks:\n    - {id: hook, kind: webhook, url: "${url}"}\n`;

test('a dead letter the state folder cannot take is kept in the default state folder and replays from there', async () => {
  const receiver = await startReceiver({ status: 400, body: 'bad request' });
  const dir = await workspace({ 'herald.yml': config(receiver.url) });
  // A state folder under a regular file cannot be created, even by root.
  const sent = await runCli(['send', '--json', '--event-id', 'lost-1', '--title', 'disk full', '--state-dir', 'herald.yml/state'], { cwd: dir, source: true });
  assert.equal(sent.code, 0, sent.stderr);
  assert.deepEqual(jsonLines(sent.stdout).map((l) => l.outcome), ['dead_lettered']);
  const kept = join(dir, '.herald', 'state');
  assert.match(sent.stderr, new RegExp(`kept in ${kept.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: replay it with .herald dlq replay --state-dir`));
  const listed = await runCli(['dlq', 'list', '--json', '--state-dir', kept], { cwd: dir, source: true });
  assert.equal(listed.code, 0, listed.stderr);
  const letters = jsonLines(listed.stdout);
  assert.equal(letters.length, 1);
  assert.equal(letters[0]!.event_id, 'lost-1');
  await receiver.close();
});

test('when no folder takes it, the whole letter is printed on stderr and the outcome says it was not stored', async () => {
  const receiver = await startReceiver({ status: 400, body: 'bad request' });
  const dir = await workspace({ 'herald.yml': config(receiver.url) });
  const blocked = join(dir, 'herald.yml');
  const env = { HERALD_STATE_DIR: join(blocked, 'default'), TMPDIR: join(blocked, 'tmp') };
  // The bundle, as a job runs it (tsx itself needs a usable TMPDIR).
  ensureBundle();
  const sent = await runCli(['send', '--json', '--event-id', 'lost-2', '--title', 'nowhere to go', '--state-dir', 'herald.yml/state'], { cwd: dir, env });
  assert.equal(sent.code, 0, sent.stderr);
  assert.deepEqual(jsonLines(sent.stdout).map((l) => l.outcome), ['failed_permanent']);
  const printed = sent.stderr.split('\n').find((l) => l.startsWith('{'));
  assert.ok(printed, sent.stderr);
  const letter = JSON.parse(printed) as { event: { event_id: string; title: string }; sink_id: string };
  assert.equal(letter.event.event_id, 'lost-2');
  assert.equal(letter.event.title, 'nowhere to go');
  assert.equal(letter.sink_id, 'hook');
  await receiver.close();
});
