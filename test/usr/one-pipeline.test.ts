// The seams issue 10 measured: a USR log goes through the one dispatcher, so two watchers with
// different webhooks never share dedup entries, a burst into a rate-limited chat service becomes
// a digest instead of a 429 storm, and `--cursor` in a folder that does not exist yet works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli.js';
import { startReceiver, type ReceivedRequest } from '../support/receiver.js';
import { goldenStream, usrLine } from '../support/usr-log.js';

function records(n: number): string {
  let text = '';
  for (let i = 0; i < n; i++) text += usrLine({ action: 'import_rows', metrics: { rows_written: i }, timestamp: `2026-08-21T14:${String(i % 60).padStart(2, '0')}:00.000000Z` });
  return text;
}

test('two watchers with different webhooks from one folder each deliver every event', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const dir = await workspace({ 'usr/.events.log': goldenStream() });
  const watch = (path: string) => runCli(['watch', '--events', 'usr/.events.log', '--provider', 'generic', '--url', `${receiver.url}${path}`, '--retry-base-seconds', '0'], { cwd: dir, source: true });
  const first = await watch('/lab-a');
  assert.equal(first.code, 0, first.stderr);
  const second = await watch('/lab-b');
  assert.equal(second.code, 0, second.stderr);
  const count = (path: string) => receiver.requests.filter((r) => r.path === path).length;
  assert.equal(count('/lab-a'), 5);
  assert.equal(count('/lab-b'), 5, 'the second webhook is not deduplicated against the first');
  // The same watcher again: its own entries hold, nothing is resent.
  assert.equal((await watch('/lab-a')).code, 0);
  assert.equal(count('/lab-a'), 5);
  const state = await readFile(join(dir, '.herald', 'state', 'dedup.jsonl'), 'utf8');
  assert.doesNotMatch(state, /lab-a|127\.0\.0\.1/, 'the webhook URL is hashed, never stored');
});

test('30 USR records into a 1-message/s Slack double: a few messages, every record counted, no 429 storm', async (t) => {
  let lastAt = 0;
  let refused = 0;
  const accepted: string[] = [];
  // Slack's incoming webhooks allow about one message a second; faster gets a 429.
  const receiver = await startReceiver((req: ReceivedRequest) => {
    if (req.at - lastAt < 1000) {
      refused++;
      return { status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' };
    }
    lastAt = req.at;
    accepted.push((req.json as { text: string }).text);
    return { status: 200, body: 'ok' };
  });
  t.after(() => receiver.close());
  const config = `notifications:\n  sinks:\n    - {id: slack, kind: slack, webhook_url: "${receiver.url}/services/T/B/x"}\n`;
  const dir = await workspace({ 'herald.yml': config, 'e.log': records(30) });
  const r = await runCli(['watch', '--events', 'e.log', '--herald-config', 'herald.yml', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(r.code, 0, r.stderr);
  process.stdout.write(`# slack double: 30 records -> ${receiver.requests.length} posts, ${refused} answered 429\n`);
  assert.ok(receiver.requests.length <= 5, `${receiver.requests.length} posts`);
  assert.ok(refused <= 1, `${refused} answers were 429`);
  const represented = accepted.reduce((n, text) => n + (Number(/Herald digest: (\d+) events/.exec(text)?.[1]) || 1), 0);
  assert.equal(represented, 30, accepted.join('\n---\n'));
});

test('--cursor in a folder that does not exist yet: the folder is made (0700) and the cursor written', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const dir = await workspace({ 'e.log': records(3) });
  const r = await runCli(['watch', '--events', 'e.log', '--provider', 'generic', '--url', receiver.url, '--cursor', 'new/deeper/cursor'], { cwd: dir, source: true });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(receiver.requests.length, 3);
  assert.equal(Number(await readFile(join(dir, 'new/deeper/cursor'), 'utf8')), (await stat(join(dir, 'e.log'))).size);
  assert.equal((await stat(join(dir, 'new/deeper'))).mode & 0o777, 0o700);
});

test('a watch whose every event is filtered out says so, naming each sink and its filters', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const config = `notifications:\n  sinks:\n    - {id: team, kind: webhook, url: "${receiver.url}/team", events: [post_task]}\n`;
  const dir = await workspace({ 'herald.yml': config, 'e.log': records(3) });
  const r = await runCli(['watch', '--events', 'e.log', '--herald-config', 'herald.yml', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(receiver.requests.length, 0);
  assert.match(r.stderr, /watch: 3 event\(s\) handled: 0 delivered, 0 deduplicated, 0 kept for replay, 3 filtered/);
  assert.match(r.stderr, /warning: 3 event\(s\) read and none reached a sink: every sink's filters excluded them \(team: events \[post_task\]\)/);
});

test('watch --json: one JSON outcome line per event and sink on stdout, nothing else', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const dir = await workspace({ 'e.log': records(3) });
  const r = await runCli(['watch', '--events', 'e.log', '--provider', 'generic', '--url', `${receiver.url}/x`, '--json', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { sink_id: string; outcome: string });
  assert.deepEqual(lines.map((l) => [l.sink_id, l.outcome]), [['usr-webhook', 'delivered'], ['usr-webhook', 'delivered'], ['usr-webhook', 'delivered']]);
});
