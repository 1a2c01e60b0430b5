import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { openTestHerald, testEvent } from '../support/herald.js';

const sink = (lines: string) => `notifications:
  retry: { max_attempts: 2, initial_delay_ms: 10 }
  sinks:
    - id: sh
      kind: shell
${lines}`;

test('the event arrives on stdin as Python json.dumps writes it, in argv without a shell', async () => {
  const herald = await openTestHerald(sink(`      command: ["/bin/sh", "-c", "cat > stdin.json", "$(not expanded)"]
      cwd: .
`));
  const [outcome] = await herald.send([testEvent({ title: 'Ünïcode "quoted"', details: { n: 1.5, list: [1, 2] } })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const stdin = await readFile(join(herald.dir, 'stdin.json'), 'utf8');
  assert.equal(
    stdin,
    '{"event_id": "ev-1", "kind": "post_task", "title": "\\u00dcn\\u00efcode \\"quoted\\"", "body": "exit 2", "severity": "error", "task_id": "t-1", "session_id": "s-1", "run_id": null, "timestamp": 1700000000.5, "labels": {}, "details": {"n": 1.5, "list": [1, 2]}}',
  );
});

test('the environment is a whitelist and env: cannot override the pinned values', async () => {
  const herald = await openTestHerald(
    sink(`      command: ["/bin/sh", "-c", "env > env.txt"]
      cwd: .
      env:
        MY_VAR: 42
        PATH: /nowhere
        HERALD_NOTIFY_KIND: forged
        BERNSTEIN_NOTIFY_SINK_ID: forged
`),
    { env: { BERNSTEIN_RUN: 'r9', HERALD_EXTRA: 'x', AWS_SECRET_ACCESS_KEY: 'leak', USER: 'ci' } },
  );
  await herald.send([testEvent({ severity: 'warning' })]);
  await herald.close();
  const env = Object.fromEntries((await readFile(join(herald.dir, 'env.txt'), 'utf8')).trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  assert.equal(env.MY_VAR, '42');
  assert.equal(env.PATH, process.env.PATH);
  assert.equal(env.USER, 'ci');
  assert.equal(env.BERNSTEIN_RUN, 'r9');
  assert.equal(env.HERALD_EXTRA, 'x');
  assert.equal(env.AWS_SECRET_ACCESS_KEY, undefined);
  assert.equal(env.HERALD_NOTIFY_KIND, 'post_task');
  assert.equal(env.BERNSTEIN_NOTIFY_SINK_ID, 'sh');
  assert.equal(env.HERALD_NOTIFY_SEVERITY, 'warning');
  assert.equal(env.BERNSTEIN_NOTIFY_EVENT_ID, 'ev-1');
  assert.match(herald.warnings.join('\n'), /env PATH, HERALD_NOTIFY_KIND, BERNSTEIN_NOTIFY_SINK_ID ignored/);
});

test('a non-zero exit is transient with its stderr, or permanent when configured', async () => {
  const herald = await openTestHerald(sink(`      command: ["/bin/sh", "-c", "echo boom >&2; exit 3"]
    - id: sh-perm
      kind: shell
      non_zero_exit_is_permanent: true
      command: ["/bin/sh", "-c", "exit 4"]
`));
  const [transient, permanent] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(transient!.outcome, 'dead_lettered');
  assert.equal(transient!.attempts, 2);
  assert.equal(transient!.error, "shell sink 'sh' exited 3: boom");
  assert.equal(permanent!.attempts, 1);
  assert.equal(permanent!.error, "shell sink 'sh-perm' exited 4: ");
});

test('a program running past timeout_s is killed', async () => {
  const herald = await openTestHerald(sink(`      command: ["/bin/sh", "-c", "echo $$ > pid; exec sleep 30"]
      cwd: .
      timeout_s: 0.3
      retry: { max_attempts: 1 }
`));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.error, "shell sink 'sh' timed out");
  const pid = Number(await readFile(join(herald.dir, 'pid'), 'utf8'));
  assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the child is gone');
});

test('a missing or non-executable program is permanent', async () => {
  const herald = await openTestHerald(
    sink(`      command: ["definitely-not-a-program-xyz"]
    - id: noexec
      kind: shell
      command: ["./script.sh"]
      cwd: .
`),
    { files: { 'script.sh': '#!/bin/sh\nexit 0\n' } },
  );
  await chmod(join(herald.dir, 'script.sh'), 0o644);
  const [missing, noexec] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(missing!.error, "shell sink 'sh' command not found: definitely-not-a-program-xyz");
  assert.equal(missing!.attempts, 1);
  assert.equal(noexec!.attempts, 1);
  assert.match(noexec!.error!, /command not executable: \.\/script\.sh/);
});

test('a relative program path resolves against cwd, and a passing program is delivered', async () => {
  const herald = await openTestHerald(sink(`      command: ["./ok.sh"]
      cwd: .
`), { files: { 'ok.sh': '#!/bin/sh\ncat >/dev/null\nexit 0\n' } });
  await chmod(join(herald.dir, 'ok.sh'), 0o755);
  await writeFile(join(herald.dir, 'unused'), '');
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
});

// Issue 13 #1: Bernstein passes `command` literally (reference §2.6 "shell: (nothing)", §3.6), so the
// child's shell expands the per-event variables; the loader must not substitute them first.
test('${VAR} in command reaches the child unexpanded and sh expands it with this event\'s values', async () => {
  const yaml = sink(`      command: ["sh", "-c", "echo sev=\${BERNSTEIN_NOTIFY_SEVERITY} kind=\${HERALD_NOTIFY_KIND} > out.txt"]
      cwd: .
`);
  // A clean environment: the variables exist only for the child, per event.
  const clean = await openTestHerald(yaml);
  const [outcome] = await clean.send([testEvent({ severity: 'error' })]);
  await clean.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(await readFile(join(clean.dir, 'out.txt'), 'utf8'), 'sev=error kind=post_task\n');
  // A stale value in the parent does not win over the event's.
  const stale = await openTestHerald(yaml, { env: { BERNSTEIN_NOTIFY_SEVERITY: 'info' } });
  await stale.send([testEvent({ severity: 'error' })]);
  await stale.close();
  assert.equal(await readFile(join(stale.dir, 'out.txt'), 'utf8'), 'sev=error kind=post_task\n');
});
