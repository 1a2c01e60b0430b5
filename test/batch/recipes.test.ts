// The job scripts in examples/batch/, run with bash under faked scheduler variables, the way the
// scheduler would run them; Herald itself runs from the sources.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { baseEnv, ROOT, TSX_LOADER, tempDir } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { freePort, redisSkipReason, startRedis, type RedisServer } from '../support/redis.js';

let receiver: Receiver;
let redis: RedisServer | undefined;
before(async () => {
  receiver = await startReceiver();
  if (!redisSkipReason()) redis = await startRedis();
});
after(async () => {
  await receiver.close();
  await redis?.close();
});

const HERALD = `${process.execPath} --import ${TSX_LOADER} ${join(ROOT, 'src', 'cli', 'index.ts')}`;

function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [join(ROOT, 'examples', 'batch', script)], { cwd, env: baseEnv(env) });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function jobEnv(): Promise<{ cwd: string; env: Record<string, string> }> {
  const cwd = await tempDir();
  const work = join(cwd, 'work.sh');
  await writeFile(work, '#!/bin/bash\necho "working on $*"\necho "disk full" >&2\nexit 3\n');
  await chmod(work, 0o755);
  const redisUrl = redis?.url ?? `redis://127.0.0.1:${await freePort()}`; // unreachable → on_unavailable: dir
  return {
    cwd,
    env: { HERALD, HERALD_CONFIG: join(ROOT, 'examples', 'batch', 'herald.yml'), HERALD_WEBHOOK_URL: `${receiver.url}/team`, HERALD_REDIS_URL: redisUrl, WORK_COMMAND: work },
  };
}

test('job.qsub runs the work under herald exec and exits with its status; SGE labels on post_task', async () => {
  const { cwd, env } = await jobEnv();
  const start = receiver.requests.length;
  const result = await bash('job.qsub', cwd, { ...env, JOB_ID: '8001', SGE_TASK_ID: '4', JOB_NAME: 'herald_demo', QUEUE: 'short.q' });
  assert.equal(result.code, 3, result.out);
  assert.match(result.out, /working on --shard 4/);
  const events = receiver.requests.slice(start).map((r) => r.json as { kind: string; task_id: string; labels: Record<string, string>; body: string });
  assert.deepEqual(events.map((e) => e.kind), ['post_task']); // the example config routes post_task only
  assert.equal(events[0]!.task_id, '8001.4');
  assert.equal(events[0]!.labels.queue, 'short.q');
  assert.match(events[0]!.body, /disk full/);
});

test('job.sbatch does the same under Slurm array variables', async () => {
  const { cwd, env } = await jobEnv();
  const start = receiver.requests.length;
  const result = await bash('job.sbatch', cwd, { ...env, SLURM_JOB_ID: '9102', SLURM_ARRAY_JOB_ID: '9100', SLURM_ARRAY_TASK_ID: '2', SLURM_JOB_PARTITION: 'short' });
  assert.equal(result.code, 3, result.out);
  assert.match(result.out, /working on --shard 2/);
  const [event] = receiver.requests.slice(start).map((r) => r.json as { task_id: string });
  assert.equal(event!.task_id, '9100_2');
});

test('watch.qsub: watch exit 3 (idle timeout) sends one failure notice and keeps exit 3', async () => {
  const cwd = await tempDir();
  const fake = join(cwd, 'fake-herald');
  await writeFile(fake, `#!/bin/bash\necho "$*" >> "${join(cwd, 'calls.log')}"\n[ "$1" = watch ] && exit "\${FAKE_WATCH_STATUS:-0}"\nexit 0\n`);
  await chmod(fake, 0o755);
  const env = { HERALD: fake, EVENTS_PATH: '/data/usr/.events.log', NOTIFY_IDLE_TIMEOUT_SECONDS: '60', JOB_ID: '77' };
  const idle = await bash('watch.qsub', cwd, { ...env, FAKE_WATCH_STATUS: '3' });
  assert.equal(idle.code, 3, idle.out);
  const calls = (await readFile(join(cwd, 'calls.log'), 'utf8')).trim().split('\n');
  assert.equal(calls.length, 2);
  assert.match(calls[0]!, /^watch .*--events \/data\/usr\/\.events\.log --follow --wait-for-events --stop-on-terminal-status --idle-timeout 60/);
  assert.match(calls[1]!, /^send .*--outcome failed --task-id herald-watch-77/);
  const ok = await bash('watch.qsub', cwd, { ...env, FAKE_WATCH_STATUS: '0' });
  assert.equal(ok.code, 0);
  assert.equal((await readFile(join(cwd, 'calls.log'), 'utf8')).trim().split('\n').length, 3, 'no notice when the run finished');
  const missing = await bash('watch.qsub', cwd, { HERALD: fake });
  assert.notEqual(missing.code, 0);
  assert.match(missing.out, /Missing EVENTS_PATH/);
  const profile = await bash('watch.qsub', cwd, { HERALD: fake, NOTIFY_PROFILE: '/ws/outputs/notify/densegen/profile.json', FAKE_WATCH_STATUS: '0' });
  assert.equal(profile.code, 0, profile.out);
  const last = (await readFile(join(cwd, 'calls.log'), 'utf8')).trim().split('\n').pop()!;
  assert.match(last, /^watch --profile \/ws\/outputs\/notify\/densegen\/profile\.json --follow --wait-for-events --stop-on-terminal-status/);
  assert.doesNotMatch(last, /--config|--events/);
});

test('watch.qsub as shipped, with the shipped herald.yml, on a log that ends in failure: the team hears the start and the failure', async () => {
  const { cwd, env } = await jobEnv();
  const { usrLine } = await import('../support/usr-log.js');
  const log = join(cwd, '.events.log');
  await writeFile(log, usrLine({ action: 'init' }) + usrLine({ action: 'import_rows', metrics: { rows_written: 4 } }) + usrLine({ action: 'densegen_flush_failed' }));
  const start = receiver.requests.length;
  const result = await bash('watch.qsub', cwd, { ...env, EVENTS_PATH: log, NOTIFY_IDLE_TIMEOUT_SECONDS: '20', NOTIFY_POLL_INTERVAL_SECONDS: '0.05', JOB_ID: '78' });
  assert.equal(result.code, 0, result.out);
  const events = receiver.requests.slice(start).map((r) => r.json as { kind: string; severity: string; labels: Record<string, string> });
  assert.deepEqual(events.map((e) => [e.kind, e.labels.status]), [['init', 'started'], ['densegen_flush_failed', 'failure']]);
  assert.equal(events[1]!.severity, 'error');
  assert.doesNotMatch(result.out, /none reached a sink/);
});
