// `herald exec -- CMD [ARGS…]`: notify pre_task, run CMD with stdio passed through, notify
// post_task with its exit status, signal and duration, and exit with CMD's own status. A delivery
// problem never changes that status (unless --strict turns a success into 1).
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { ConfigError, UsageError } from '../core/errors.js';
import { createRuntimeContext } from '../core/context.js';
import { deadLetterRescue } from '../dispatch/dead-letter-rescue.js';
import { defaultStateDir } from '../state/open.js';
import { deadLetterId } from '../state/dir-dead-letters.js';
import type { NotificationEvent } from '../core/event.js';
import { parsePairs } from '../sources/lifecycle.js';
import { detectSchedulerJob, schedulerConversationKey, schedulerLabels, schedulerTaskId } from '../sources/scheduler-env.js';
import { CONVERSATION_LABEL } from '../core/conversation.js';
import { exitStatusOf, postTaskEvent, preTaskEvent, runChild, type ExecEventOptions } from '../sources/exec.js';
import { redactTail, redactTokens } from '../sources/stderr-tail.js';
import { isFailure, outcomeLine, type Outcome } from '../dispatch/outcome.js';
import { collect, openHerald, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';
import { checkSinkIds, reportOutcomes } from './send.js';
import type { Herald } from '../herald.js';
import { topCommand } from './command-index.js';

export interface ExecFlags extends CommonFlags {
  title?: string;
  taskId?: string;
  sessionId?: string;
  runId?: string;
  eventId?: string;
  label?: string[];
  detail?: string[];
  sink?: string[];
  onStart?: boolean;
  tailLines?: string;
  strict?: boolean;
  conversation?: string;
}

export function registerExec(program: Command): void {
  withCommonOptions(
    topCommand(program, 'exec')
      .argument('<command...>', 'the command and its arguments, after --')
      .usage('[options] -- CMD [ARGS...]'),
  )
    .option('--title <text>', 'what the job is called in messages (default: the task id or the command name)')
    .option('--task-id <id>', 'task id (default: the scheduler job id, with the array task)')
    .option('--session-id <id>')
    .option('--run-id <id>', 'run id (default: HERALD_RUN_ID)')
    .option('--event-id <id>', 'base of the pre/post event ids (default: derived from the scheduler job id)')
    .option('--label <k=v>', 'label (repeatable)', collect)
    .option('--detail <k=v>', 'detail (repeatable)', collect)
    .option('--sink <id>', 'only this sink (repeatable)', collect)
    .option('--no-on-start', 'do not send pre_task')
    .option('--tail-lines <n>', 'put the last N lines of stderr (redacted) in the post_task body', '0')
    .option('--strict', 'exit 1 when the command succeeded but a notification failed')
    .option('--conversation <key>', 'living messages: the conversation pre_task and post_task share (default: the scheduler job and array task, else this run)')
    .action(async (command: string[], flags: ExecFlags) => {
      process.exitCode = await runExec(command, flags);
    });
}

export async function runExec(command: string[], flags: ExecFlags): Promise<number> {
  if (!command.length) throw new UsageError('herald exec needs a command', 'for example: herald exec -- ./train.sh --epochs 10');
  const tailLines = Number(flags.tailLines ?? 0);
  if (!Number.isInteger(tailLines) || tailLines < 0 || tailLines > 10_000) {
    throw new UsageError(`--tail-lines expects a whole number from 0 to 10000, got '${flags.tailLines}'`);
  }
  // A notification problem never stops the job: with an unusable config the command still runs,
  // and the problem is said loudly and kept where it can be.
  let herald: Herald;
  try {
    herald = await openHerald(flags, { allowDefault: true });
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof UsageError)) throw error;
    return runUnnotified(command, flags, tailLines, error);
  }
  try {
    try {
      checkSinkIds(herald, flags.sink);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      await herald.close();
      return runUnnotified(command, flags, tailLines, error);
    }
    const options = eventOptions(herald, command, flags);
    const nowSeconds = () => herald.ctx.clock.nowMs() / 1000;
    const failures: Outcome[] = [];
    const deliver = async (event: NotificationEvent) => {
      const outcomes = await herald.deliver([event], {
        sinkIds: flags.sink,
        onOutcome: (o) => (flags.json ? printJsonLine(herald, outcomeLine(o)) : undefined),
      });
      failures.push(...outcomes.filter(isFailure));
      if (!flags.json) reportOutcomes(herald, outcomes);
    };
    // pre_task goes out while the command already runs: a slow or retrying sink must not delay
    // the job. post_task waits for it, so each sink still sees pre before post.
    const pre = flags.onStart === false ? Promise.resolve() : deliver(preTaskEvent(options, nowSeconds()));
    const result = await runChild(command[0]!, command.slice(1), { tailLines, env: process.env, cwd: herald.ctx.cwd });
    await pre;
    const tail = redactTail(result.stderrTail, herald.ctx.redactor);
    if (result.spawnError) herald.ctx.log.error(`cannot run ${command[0]}: ${result.spawnError}`);
    await deliver(postTaskEvent(options, result, tail, nowSeconds()));
    const status = exitStatusOf(result);
    if (failures.length) herald.ctx.log.warn(`${failures.length} notification(s) failed; exiting with the command's status ${status}${flags.strict && status === 0 ? ' → 1 (--strict)' : ''}`);
    return flags.strict && status === 0 && failures.length ? 1 : status;
  } finally {
    await herald.close();
  }
}

/**
 * The command without notifications, because the config cannot be used: its output and status
 * pass through as always, the problem is printed before and after it, and the post_task event is
 * kept as a dead letter in the default state folder, so `herald dlq replay` can send it once the
 * config is fixed.
 */
async function runUnnotified(command: string[], flags: ExecFlags, tailLines: number, problem: ConfigError | UsageError): Promise<number> {
  const ctx = createRuntimeContext();
  const say = () => ctx.log.error(`notifications are off for this run: ${problem.describe()}`);
  say();
  const result = await runChild(command[0]!, command.slice(1), { tailLines, env: process.env, cwd: ctx.cwd });
  if (result.spawnError) ctx.log.error(`cannot run ${command[0]}: ${result.spawnError}`);
  const options = eventOptions({ ctx }, command, flags);
  const event = postTaskEvent(options, result, redactTail(result.stderrTail, ctx.redactor), ctx.clock.nowMs() / 1000);
  const ts = ctx.clock.nowMs() / 1000;
  const rescue = deadLetterRescue({ dirs: [defaultStateDir(ctx.cwd, ctx.env)], policy: { windowMs: 0, lruSize: 16 }, log: ctx.log });
  await rescue({ id: deadLetterId('(unusable config)', event.event_id, ts), sink_id: '(unusable config)', event, reason: `permanent:${problem.message}`, ts, attempts: 0 }, problem);
  say();
  return exitStatusOf(result);
}

function eventOptions(herald: Pick<Herald, 'ctx'> & Partial<Pick<Herald, 'keepsLivingMessages'>>, command: string[], flags: ExecFlags): ExecEventOptions {
  const env = herald.ctx.env;
  const job = env.HERALD_SCHEDULER_LABELS === '0' ? undefined : detectSchedulerJob(env);
  const labels: Record<string, string> = job ? schedulerLabels(job) : { host: env.HOSTNAME || hostname() };
  // Living messages: pre_task and post_task of one job (one array task), or of this one run, share
  // a message. Named only when a sink keeps living messages, so other payloads stay as they were.
  if (flags.conversation || herald.keepsLivingMessages) {
    labels[CONVERSATION_LABEL] = flags.conversation || (job ? schedulerConversationKey(job) : `exec:${labels.host}:${process.pid}:${Math.round(herald.ctx.clock.nowMs())}`);
  }
  return {
    command,
    taskId: flags.taskId ?? (job ? schedulerTaskId(job) : undefined),
    title: flags.title,
    sessionId: flags.sessionId ?? null,
    runId: flags.runId ?? env.HERALD_RUN_ID ?? null,
    labels: { ...labels, ...parsePairs(flags.label, '--label') },
    details: parsePairs(flags.detail, '--detail'),
    eventId: flags.eventId ?? (env.HERALD_EVENT_ID || undefined),
    jobKey: job ? schedulerConversationKey(job) : undefined,
    redact: (text) => redactTokens(herald.ctx.redactor.redact(text)),
  };
}
