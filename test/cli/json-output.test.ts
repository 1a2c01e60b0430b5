// `--json`: stdout carries JSON lines only (issue 11 #8), so `herald send --json | jq` works even
// with the built-in default config, whose console sink prints a line per event (on stderr then).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, workspace } from '../support/cli.js';

test('send --json on the built-in default: every stdout line is JSON; the console line goes to stderr', async () => {
  const dir = await workspace({});
  const r = await runCli(['send', '--json', '--event', 'post_task', '--outcome', 'failed', '--task-id', 'nightly', '--title', 'Nightly failed'], { cwd: dir, source: true });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `not JSON: ${line}`);
  assert.deepEqual(lines.map((l) => (JSON.parse(l) as { outcome: string }).outcome), ['delivered', 'delivered']);
  assert.match(r.stderr, /ERROR post_task \[nightly\] Nightly failed/);
});
