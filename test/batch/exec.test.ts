import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { baseEnv, ROOT, runCli, TSX_LOADER, workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

let receiver: Receiver;
before(async () => {
  receiver = await startReceiver();
});
after(async () => {
  await receiver.close();
});

async function hookWorkspace(): Promise<string> {
  return workspace({
    'herald.yml': `notifications:\n  sinks:\n    - id: hook\n      kind: webhook\n      url: ${receiver.url}/hook\n  retry:\n    max_attempts: 1\n`,
  });
}

type Payload = { event_id: string; kind: string; title: string; body: string; severity: string; task_id: string | null; labels: Record<string, string>; details: Record<string, unknown> };

function received(from: number): Payload[] {
  return receiver.requests.slice(from).map((r) => r.json as Payload);
}

test('exec exits with the command status and reports it in post_task as an error', async () => {
  const cwd = await hookWorkspace();
  const start = receiver.requests.length;
  const result = await runCli(['exec', '--', 'bash', '-c', 'echo to-stdout; echo to-stderr >&2; exit 3'], { cwd, source: true });
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stdout, /to-stdout/);
  assert.match(result.stderr, /to-stderr/);
  const [pre, post] = received(start);
  assert.equal(pre!.kind, 'pre_task');
  assert.equal(pre!.severity, 'info');
  assert.equal(post!.kind, 'post_task');
  assert.equal(post!.severity, 'error');
  assert.equal(post!.details.exit_code, 3);
  assert.equal(post!.details.signal, null);
  assert.equal(typeof post!.details.duration_s, 'number');
  assert.match(post!.body, /exit status 3 after/);
});

test('a successful command is info, and --no-on-start sends only post_task', async () => {
  const cwd = await hookWorkspace();
  const start = receiver.requests.length;
  const result = await runCli(['exec', '--no-on-start', '--title', 'nightly', '--', 'true'], { cwd, source: true });
  assert.equal(result.code, 0, result.stderr);
  const events = received(start);
  assert.equal(events.length, 1);
  assert.equal(events[0]!.severity, 'info');
  assert.equal(events[0]!.title, 'Succeeded: nightly');
});

test('a command that cannot start exits 127 and is reported as failed', async () => {
  const cwd = await hookWorkspace();
  const start = receiver.requests.length;
  const result = await runCli(['exec', '--no-on-start', '--', 'no-such-command-herald'], { cwd, source: true });
  assert.equal(result.code, 127);
  assert.match(received(start)[0]!.body, /could not start \(ENOENT/);
});

test('a delivery failure does not change the exit status, unless --strict turns success into 1', async () => {
  const cwd = await workspace({ 'herald.yml': 'notifications:\n  sinks:\n    - id: hook\n      kind: webhook\n      url: http://127.0.0.1:9/down\n  retry:\n    max_attempts: 1\n' });
  assert.equal((await runCli(['exec', '--', 'bash', '-c', 'exit 5'], { cwd, source: true })).code, 5);
  assert.equal((await runCli(['exec', '--', 'true'], { cwd, source: true })).code, 0);
  assert.equal((await runCli(['exec', '--strict', '--', 'true'], { cwd, source: true })).code, 1);
});

test('SIGTERM sent to Herald is forwarded to the command, which is reported as killed (warning), exit 143', async () => {
  const cwd = await hookWorkspace();
  const start = receiver.requests.length;
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src', 'cli', 'index.ts'), 'exec', '--', 'sleep', '30'], { cwd, env: baseEnv(), stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await receiver.waitFor(start + 1); // pre_task arrived: Herald is up and the command runs
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGTERM');
  assert.equal(await exited, 143);
  const post = received(start).find((e) => e.kind === 'post_task')!;
  assert.equal(post.severity, 'warning');
  assert.equal(post.details.signal, 'SIGTERM');
  assert.equal(post.details.status, 'killed');
  assert.match(post.body, /qdel\/scancel/);
});

test('a command that traps the forwarded SIGUSR1 and exits is still reported as a scheduler stop', async () => {
  const cwd = await hookWorkspace();
  const start = receiver.requests.length;
  const script = "trap 'echo got-usr1 >&2; exit 9' USR1; for i in $(seq 300); do sleep 0.1; done";
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src', 'cli', 'index.ts'), 'exec', '--', 'bash', '-c', script], { cwd, env: baseEnv(), stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await receiver.waitFor(start + 1);
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGUSR1');
  assert.equal(await exited, 9);
  const post = received(start).find((e) => e.kind === 'post_task')!;
  assert.equal(post.severity, 'warning');
  assert.match(String(post.details.reason), /after SIGUSR1/);
});

test('--tail-lines keeps the last lines of stderr, redacted, while stderr still passes through', async () => {
  const cwd = await hookWorkspace();
  const start = receiver.requests.length;
  const script = 'for i in 1 2 3 4 5; do echo "line $i" >&2; done; echo "auth ghp_abcdefghijklmnopqrstuvwxyz0123" >&2; echo "password=hunter22" >&2; exit 1';
  const result = await runCli(['exec', '--tail-lines', '3', '--', 'bash', '-c', script], { cwd, source: true });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /line 1[\s\S]*password=hunter22/); // passthrough is untouched
  const post = received(start).find((e) => e.kind === 'post_task')!;
  const tail = String(post.details.stderr_tail);
  assert.equal(tail, 'line 5\nauth ***\npassword=***');
  assert.doesNotMatch(post.body, /hunter22|ghp_/);
});

const schedulers: [string, Record<string, string>, string, Record<string, string>][] = [
  ['SGE', { JOB_ID: '4242', SGE_TASK_ID: '7', JOB_NAME: 'densegen', QUEUE: 'short.q', HOSTNAME: 'scc-a1' }, '4242.7', { scheduler: 'sge', job_id: '4242', array_task_id: '7', job_name: 'densegen', queue: 'short.q', host: 'scc-a1' }],
  ['SGE without an array', { JOB_ID: '4243', SGE_TASK_ID: 'undefined', JOB_NAME: 'one' }, '4243', { scheduler: 'sge', job_id: '4243', job_name: 'one' }],
  ['Slurm', { SLURM_JOB_ID: '901', SLURM_ARRAY_JOB_ID: '900', SLURM_ARRAY_TASK_ID: '3', SLURM_JOB_NAME: 'train', SLURM_JOB_PARTITION: 'gpu', SLURMD_NODENAME: 'node12' }, '900_3', { scheduler: 'slurm', job_id: '900', array_task_id: '3', job_name: 'train', queue: 'gpu', host: 'node12' }],
  ['PBS', { PBS_JOBID: '77.pbs01', PBS_ARRAYID: '2', PBS_JOBNAME: 'sim', PBS_QUEUE: 'batch' }, '77.pbs01[2]', { scheduler: 'pbs', job_id: '77.pbs01', array_task_id: '2', job_name: 'sim', queue: 'batch' }],
];

for (const [name, env, taskId, labels] of schedulers) {
  test(`${name} job variables become labels and the default task id`, async () => {
    const cwd = await hookWorkspace();
    const start = receiver.requests.length;
    const result = await runCli(['exec', '--label', 'team=lab', '--', 'true'], { cwd, source: true, env });
    assert.equal(result.code, 0, result.stderr);
    for (const event of received(start)) {
      assert.equal(event.task_id, taskId);
      assert.deepEqual(event.labels, { ...labels, team: 'lab' });
    }
  });
}

test('a re-run of the same job script sends nothing new (stable ids), another array task does', async () => {
  const cwd = await hookWorkspace();
  const env = { JOB_ID: '5555', SGE_TASK_ID: '1' };
  const start = receiver.requests.length;
  await runCli(['exec', '--', 'true'], { cwd, source: true, env });
  const first = received(start);
  assert.equal(first.length, 2);
  const rerun = await runCli(['exec', '--json', '--', 'true'], { cwd, source: true, env });
  assert.equal(receiver.requests.length, start + 2, 'the re-run was deduplicated');
  assert.match(rerun.stdout, /"outcome":"deduplicated"/);
  await runCli(['exec', '--', 'true'], { cwd, source: true, env: { ...env, SGE_TASK_ID: '2' } });
  assert.equal(receiver.requests.length, start + 4, 'array task 2 is its own job');
});

test('herald send in a Slurm job carries the job labels and task id too', async () => {
  const cwd = await hookWorkspace();
  const start = receiver.requests.length;
  const result = await runCli(['send', '--event', 'post_task', '--outcome', 'failed'], { cwd, source: true, env: { SLURM_JOB_ID: '31337', SLURM_JOB_NAME: 'align' } });
  assert.equal(result.code, 0, result.stderr);
  const [event] = received(start);
  assert.equal(event!.task_id, '31337');
  assert.equal(event!.labels.job_name, 'align');
  assert.equal(event!.title, 'Task finished: 31337');
});

test('exec with a broken config still runs the command, passes its output and status, and says so loudly', async () => {
  const cwd = await workspace({ 'herald.yml': 'notifications:\n  sinks:\n    - {id: chat, kind: telegram, token: "${TELEGRAM_BOT_TOKEN}", chat_id: "${TELEGRAM_CHAT_ID}"}\n' });
  const result = await runCli(['exec', '--', 'bash', '-c', 'echo the-work-ran; exit 4'], { cwd, source: true });
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stdout, /the-work-ran/);
  assert.match(result.stderr, /notifications are off for this run: .*TELEGRAM_BOT_TOKEN/);
  assert.match(result.stderr, /kept in .*\.herald\/state: replay it with `herald dlq replay/);
  const listed = await runCli(['dlq', 'list', '--json', '--state-dir', '.herald/state'], { cwd, source: true });
  assert.match(listed.stdout, /"kind":"post_task"/);
});

test('exec with Redis unreachable and no fallback still runs the command and keeps post_task locally (docs/batch.md, When Redis is down)', async () => {
  const { freePort } = await import('../support/redis.js');
  const cwd = await workspace({ 'herald.yml': `notifications:\n  sinks:\n    - {id: log, kind: console}\n  state: {backend: redis, url: "redis://127.0.0.1:${await freePort()}", on_unavailable: error}\n` });
  const result = await runCli(['exec', '--', 'bash', '-c', 'echo the-work-ran; exit 4'], { cwd, source: true });
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stdout, /the-work-ran/);
  assert.match(result.stderr, /state backend redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable/);
  assert.match(result.stderr, /kept in .*\.herald\/state: replay it with `herald dlq replay/);
});
