// Batch scheduler awareness: the job a process runs in, read from the variables SGE, Slurm and
// PBS/Torque set in every job. The job id (with the array task) becomes the default task id, so
// array tasks never deduplicate each other, and the job's identity becomes labels.

export type SchedulerName = 'sge' | 'slurm' | 'pbs';

export interface SchedulerJob {
  scheduler: SchedulerName;
  jobId: string;
  /** The array task index, when the job is one task of an array job. */
  arrayTaskId?: string;
  jobName?: string;
  queue?: string;
  host?: string;
}

type Env = Record<string, string | undefined>;

/** A variable's value, or undefined when unset, blank, or a scheduler's "no value" marker. */
function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  // SGE sets SGE_TASK_ID=undefined in a job that is not an array job.
  if (!v || v === 'undefined') return undefined;
  return v;
}

function compact(job: SchedulerJob): SchedulerJob {
  const out = { ...job } as Record<string, string | undefined>;
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as unknown as SchedulerJob;
}

/**
 * The job this process runs in, or undefined outside a scheduler. Slurm is checked first: some
 * sites run Slurm with PBS compatibility variables, and SGE's JOB_ID is the most generic name.
 */
export function detectSchedulerJob(env: Env): SchedulerJob | undefined {
  const slurmJob = value(env, 'SLURM_JOB_ID') ?? value(env, 'SLURM_JOBID');
  if (slurmJob) {
    // In an array, SLURM_JOB_ID is unique per task; the array's own id plus the index is what
    // users see in squeue (12345_7), so that is the job id we report.
    const arrayJob = value(env, 'SLURM_ARRAY_JOB_ID');
    const arrayTask = value(env, 'SLURM_ARRAY_TASK_ID');
    return compact({
      scheduler: 'slurm',
      jobId: arrayJob && arrayTask ? arrayJob : slurmJob,
      arrayTaskId: arrayTask,
      jobName: value(env, 'SLURM_JOB_NAME'),
      queue: value(env, 'SLURM_JOB_PARTITION'),
      host: value(env, 'SLURMD_NODENAME'),
    });
  }
  const pbsJob = value(env, 'PBS_JOBID');
  if (pbsJob) {
    return compact({
      scheduler: 'pbs',
      jobId: pbsJob,
      arrayTaskId: value(env, 'PBS_ARRAYID') ?? value(env, 'PBS_ARRAY_INDEX'),
      jobName: value(env, 'PBS_JOBNAME'),
      queue: value(env, 'PBS_QUEUE'),
      host: value(env, 'HOSTNAME'),
    });
  }
  const sgeJob = value(env, 'JOB_ID');
  // JOB_ID alone is too generic a name to trust; SGE always sets SGE_TASK_ID (maybe "undefined").
  if (sgeJob && (env.SGE_TASK_ID !== undefined || env.SGE_ROOT !== undefined || env.QUEUE !== undefined)) {
    return compact({
      scheduler: 'sge',
      jobId: sgeJob,
      arrayTaskId: value(env, 'SGE_TASK_ID'),
      jobName: value(env, 'JOB_NAME'),
      queue: value(env, 'QUEUE'),
      host: value(env, 'HOSTNAME'),
    });
  }
  return undefined;
}

/** "12345" or, for one task of an array, "12345.7" (SGE), "12345_7" (Slurm), "12345[7]" (PBS). */
export function schedulerTaskId(job: SchedulerJob): string {
  if (!job.arrayTaskId) return job.jobId;
  switch (job.scheduler) {
    case 'slurm':
      return `${job.jobId}_${job.arrayTaskId}`;
    case 'pbs':
      // Torque's PBS_JOBID already names the task ("123[7].server"); PBS Pro's does not.
      return job.jobId.includes('[') ? job.jobId : `${job.jobId}[${job.arrayTaskId}]`;
    default:
      return `${job.jobId}.${job.arrayTaskId}`;
  }
}

/** One job (one task of an array) as a key: its living message, its exec event ids. */
export function schedulerConversationKey(job: SchedulerJob): string {
  return `${job.scheduler}:${schedulerTaskId(job)}`;
}

export function schedulerLabels(job: SchedulerJob): Record<string, string> {
  const labels: Record<string, string> = { scheduler: job.scheduler, job_id: job.jobId };
  if (job.arrayTaskId) labels.array_task_id = job.arrayTaskId;
  if (job.jobName) labels.job_name = job.jobName;
  if (job.queue) labels.queue = job.queue;
  if (job.host) labels.host = job.host;
  return labels;
}

/** The key in eventFromFlags' extra labels that carries a default task id (never a label itself). */
export const DEFAULT_TASK_ID_KEY = '__task_id';

/**
 * Labels plus the default task id for events built in a batch job; empty outside a scheduler or
 * with HERALD_SCHEDULER_LABELS=0 (for a job that submits notifications on behalf of others).
 */
export function schedulerDefaults(env: Env): Record<string, string> {
  if (env.HERALD_SCHEDULER_LABELS === '0') return {};
  const job = detectSchedulerJob(env);
  if (!job) return {};
  return { ...schedulerLabels(job), [DEFAULT_TASK_ID_KEY]: schedulerTaskId(job) };
}
