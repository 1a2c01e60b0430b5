// `herald exec -- CMD…` as a source: run a command with its stdio passed through, forward the
// signals a scheduler sends, and describe how it ended as pre_task/post_task events.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { constants as osConstants } from 'node:os';
import { buildEvent, type JsonValue, type NotificationEvent, type Severity } from '../core/event.js';
import { LineRing } from './stderr-tail.js';
import { writeErr } from '../core/std-output.js';

/** What schedulers send when they stop a job, and why (qdel, scancel, walltime, -notify). */
export const SCHEDULER_SIGNALS: Partial<Record<NodeJS.Signals, string>> = {
  SIGTERM: 'terminated (qdel/scancel, or the walltime was reached)',
  SIGUSR1: 'SIGUSR1 (SGE -notify before suspend, or Slurm --signal before the time limit)',
  SIGUSR2: 'SIGUSR2 (SGE -notify before kill, or a site time-limit warning)',
  SIGXCPU: 'SIGXCPU (CPU time limit reached: h_cpu / walltime)',
};

/** Forwarded to the child; Herald itself keeps running so it can report. */
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGXCPU'];

export interface ChildResult {
  /** null when the command was ended by a signal or could not start. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
  /** The first scheduler-style signal Herald received and forwarded, if any. */
  receivedSignal?: NodeJS.Signals;
  /** Why the command could not start (ENOENT…), when it did not. */
  spawnError?: string;
  stderrTail: string[];
}

export interface RunChildOptions {
  tailLines?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called once the child is running (tests use it to know when to send signals). */
  onSpawn?: (pid: number) => void;
  nowMs?: () => number;
}

export function runChild(command: string, args: readonly string[], options: RunChildOptions = {}): Promise<ChildResult> {
  const nowMs = options.nowMs ?? (() => performance.now());
  const tail = new LineRing(options.tailLines ?? 0);
  const keepTail = (options.tailLines ?? 0) > 0;
  const started = nowMs();
  return new Promise((resolve) => {
    let receivedSignal: NodeJS.Signals | undefined;
    const child = spawn(command, [...args], {
      stdio: ['inherit', 'inherit', keepTail ? 'pipe' : 'inherit'],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    const forward = (signal: NodeJS.Signals) => {
      if (!receivedSignal && signal in SCHEDULER_SIGNALS) receivedSignal = signal;
      // The child may have the signal already (a scheduler signals the whole process group);
      // sending it again is harmless, and needed when only Herald's pid was signalled.
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const cleanup = () => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };
    if (keepTail) {
      child.stderr!.on('data', (chunk: Buffer) => {
        writeErr(chunk);
        tail.push(chunk.toString('utf8'));
      });
    }
    child.on('spawn', () => options.onSpawn?.(child.pid!));
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      resolve({ exitCode: null, signal: null, durationMs: nowMs() - started, spawnError: `${error.code ?? 'error'}: ${error.message}`, stderrTail: [] });
    });
    // 'close' waits for stderr to drain, so the tail is complete.
    child.on('close', (code, signal) => {
      cleanup();
      resolve({ exitCode: code, signal, durationMs: nowMs() - started, receivedSignal, stderrTail: tail.snapshot() });
    });
  });
}

/** The status Herald exits with: the command's own, 128+n for a signal, 127/126 when it could not start. */
export function exitStatusOf(result: ChildResult): number {
  if (result.spawnError) return result.spawnError.startsWith('ENOENT') ? 127 : 126;
  if (result.signal) return 128 + (osConstants.signals[result.signal] ?? 0);
  return result.exitCode ?? 1;
}

export type ExecStatus = 'success' | 'failed' | 'killed';

export function classify(result: ChildResult): { status: ExecStatus; severity: Severity; reason: string } {
  if (result.spawnError) return { status: 'failed', severity: 'error', reason: `could not start (${result.spawnError})` };
  const schedulerSignal = result.signal && result.signal in SCHEDULER_SIGNALS ? result.signal : result.receivedSignal;
  if (schedulerSignal) {
    const how = result.signal ? `killed by ${result.signal}` : `exit status ${result.exitCode} after ${schedulerSignal}`;
    return { status: 'killed', severity: 'warning', reason: `${how}: ${SCHEDULER_SIGNALS[schedulerSignal]}` };
  }
  if (result.signal) return { status: 'failed', severity: 'error', reason: `killed by ${result.signal}` };
  if (result.exitCode === 0) return { status: 'success', severity: 'info', reason: 'exit status 0' };
  return { status: 'failed', severity: 'error', reason: `exit status ${result.exitCode}` };
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min` : `${m} min ${s % 60} s`;
}

export interface ExecEventOptions {
  command: readonly string[];
  /** --task-id, else the scheduler's job id, else the command's name. */
  taskId?: string;
  title?: string;
  sessionId?: string | null;
  runId?: string | null;
  labels: Record<string, string>;
  details: Record<string, JsonValue>;
  /** --event-id: the pre and post ids are derived from it. */
  eventId?: string;
  /** Scheduler job identity ("sge:12345.7"): makes ids stable across a re-run of the job script. */
  jobKey?: string;
  /** Redacts the command line, which may carry a token. */
  redact: (text: string) => string;
}

/**
 * Ids that a re-run of the same job script reproduces, so a retried script does not notify twice.
 * A post_task id includes how the command ended: a requeued job that fails again is one message,
 * but one that then succeeds is news.
 */
function execEventId(options: ExecEventOptions, kind: string, status?: ExecStatus): string | undefined {
  const suffix = status ? `${kind}|${status}` : kind;
  if (options.eventId) return `${options.eventId}-${status ? `${kind}-${status}` : kind}`;
  if (!options.jobKey) return undefined; // outside a scheduler: Bernstein's time-based id
  return createHash('sha256').update(`herald-exec|${options.jobKey}|${suffix}`).digest('hex').slice(0, 32);
}

/** The command as a shell would need it typed, so the message can be pasted back into one. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function subject(options: ExecEventOptions): string {
  return options.title ?? options.taskId ?? basename(options.command[0] ?? 'command');
}

export function preTaskEvent(options: ExecEventOptions, nowSeconds: number): NotificationEvent {
  const commandLine = options.redact(shellLine(options.command));
  return buildEvent(
    {
      kind: 'pre_task',
      event_id: execEventId(options, 'pre_task'),
      title: `Started: ${subject(options)}`,
      body: `$ ${commandLine}`,
      severity: 'info',
      task_id: options.taskId ?? null,
      session_id: options.sessionId ?? null,
      run_id: options.runId ?? null,
      labels: options.labels,
      details: { ...options.details, command: commandLine },
    },
    nowSeconds,
  );
}

export function postTaskEvent(options: ExecEventOptions, result: ChildResult, tail: readonly string[], nowSeconds: number): NotificationEvent {
  const { status, severity, reason } = classify(result);
  const commandLine = options.redact(shellLine(options.command));
  const duration = formatDuration(result.durationMs);
  const headline = status === 'success' ? 'Succeeded' : status === 'killed' ? 'Killed' : 'Failed';
  const bodyLines = [`${reason} after ${duration}`, `$ ${commandLine}`];
  if (tail.length) bodyLines.push('', `last ${tail.length} line(s) of stderr:`, ...tail);
  return buildEvent(
    {
      kind: 'post_task',
      event_id: execEventId(options, 'post_task', status),
      title: `${headline}: ${subject(options)}`,
      body: bodyLines.join('\n'),
      severity,
      task_id: options.taskId ?? null,
      session_id: options.sessionId ?? null,
      run_id: options.runId ?? null,
      labels: options.labels,
      details: {
        ...options.details,
        command: commandLine,
        status,
        exit_code: result.exitCode,
        signal: result.signal,
        exit_status: exitStatusOf(result),
        duration_s: Math.round(result.durationMs) / 1000,
        reason,
        ...(tail.length ? { stderr_tail: tail.join('\n') } : {}),
      },
    },
    nowSeconds,
  );
}
