import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSchedulerJob, schedulerDefaults, schedulerTaskId } from '../../src/sources/scheduler-env.js';

test('no scheduler variables, no job (a stray JOB_ID alone is not SGE)', () => {
  assert.equal(detectSchedulerJob({}), undefined);
  assert.equal(detectSchedulerJob({ JOB_ID: '12' }), undefined);
  assert.deepEqual(schedulerDefaults({ PATH: '/bin' }), {});
});

test('SGE_TASK_ID=undefined is not an array task', () => {
  const job = detectSchedulerJob({ JOB_ID: '12', SGE_TASK_ID: 'undefined' })!;
  assert.equal(job.arrayTaskId, undefined);
  assert.equal(schedulerTaskId(job), '12');
});

test('Torque array job ids already name the task', () => {
  assert.equal(schedulerTaskId(detectSchedulerJob({ PBS_JOBID: '123[4].srv', PBS_ARRAYID: '4' })!), '123[4].srv');
});

test('HERALD_SCHEDULER_LABELS=0 turns the labels off', () => {
  assert.deepEqual(schedulerDefaults({ SLURM_JOB_ID: '1', HERALD_SCHEDULER_LABELS: '0' }), {});
});
