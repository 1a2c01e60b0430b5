// `herald validate` names a disabled sink of a kind Herald does not have exactly once (issue 13 #5
// follow-up): validate loads the config twice (once tolerating unset variables to list them, once
// as send would, to judge it), and only the first load speaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, workspace } from '../support/cli.js';

const CONFIG = 'notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${HOOK_URL}"}\n    - {id: pd, kind: pagerduty_custom, enabled: false, routing_key: x}\n';
const WARNING = /sink 'pd' \(disabled\) has kind 'pagerduty_custom', which Herald does not know; it stays disabled/g;

test('validate prints the unknown-kind warning once: ok, not ok, --json and a bernstein.yaml', async () => {
  const dir = await workspace({ 'herald.yml': CONFIG, 'bernstein.yaml': CONFIG });
  const runs = [
    { args: ['validate'], env: { HOOK_URL: 'http://127.0.0.1:9/x' }, code: 0 },
    { args: ['validate'], env: {}, code: 2 },
    { args: ['validate', '--json'], env: {}, code: 2 },
    { args: ['validate', '--config', 'bernstein.yaml'], env: { HOOK_URL: 'http://127.0.0.1:9/x' }, code: 0 },
  ];
  for (const run of runs) {
    const r = await runCli(run.args, { cwd: dir, env: run.env, source: true });
    assert.equal(r.code, run.code, `${run.args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.match(WARNING)?.length, 1, `${run.args.join(' ')}:\n${r.stderr}`);
    assert.match(r.stdout, /sink pd \(pagerduty_custom\) disabled|"id":"pd","kind":"pagerduty_custom","enabled":false/);
  }
});
