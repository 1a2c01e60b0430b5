// Runs a program (argv only, never a shell) with the event JSON on stdin (reference §3.6). The
// child's environment is a whitelist: PATH, HOME, USER, the parent's BERNSTEIN_*/HERALD_* variables,
// declared `env:` keys, and the pinned HERALD_NOTIFY_* / BERNSTEIN_NOTIFY_* values; `env:` cannot
// override PATH, HOME, USER or the pinned ones (a security posture, §10.16; Bernstein let it).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { pythonPayload } from '../core/event.js';
import { pythonJson } from '../core/python-format.js';
import { PermanentError, TransientError } from '../core/errors.js';

const STDERR_CHARS = 500;

const ShellConfig = {
  command: z.array(z.pipe(z.union([z.string(), z.number()]), z.transform(String)), { message: "shell sink requires non-empty 'command' list" }).check(z.minLength(1, "shell sink requires non-empty 'command' list")),
  env: z._default(z.record(z.string(), z.pipe(z.union([z.string(), z.number(), z.boolean()]), z.transform(String))), {}),
  non_zero_exit_is_permanent: z._default(z.boolean(), false),
  cwd: z.optional(z.string()),
};

/** The variables a child always gets from Herald; `env:` may add others, never replace these. */
export function pinnedVariables(eventId: string, kind: string, severity: string, sinkId: string): Record<string, string> {
  const pinned: Record<string, string> = {};
  for (const prefix of ['HERALD_NOTIFY_', 'BERNSTEIN_NOTIFY_']) {
    pinned[`${prefix}EVENT_ID`] = eventId;
    pinned[`${prefix}KIND`] = kind;
    pinned[`${prefix}SEVERITY`] = severity;
    pinned[`${prefix}SINK_ID`] = sinkId;
  }
  return pinned;
}

/** Names `env:` may not set: the inherited basics and every *_NOTIFY_* value Herald pins. */
export const PINNED_NAMES = ['PATH', 'HOME', 'USER'];
const isPinned = (name: string) => PINNED_NAMES.includes(name) || /^(HERALD|BERNSTEIN)_NOTIFY_/.test(name);

export function childEnvironment(parent: Record<string, string | undefined>, declared: Record<string, string>, pinned: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && (name.startsWith('BERNSTEIN_') || name.startsWith('HERALD_')) && !isPinned(name)) env[name] = value;
  }
  for (const [name, value] of Object.entries(declared)) if (!isPinned(name)) env[name] = value;
  for (const name of PINNED_NAMES) if (parent[name] !== undefined) env[name] = parent[name]!;
  return { ...env, ...pinned };
}

export const shell = defineSink({
  kind: 'shell',
  config: ShellConfig,
  // Bernstein passes argv literally (reference §2.6, §3.6): `sh -c "echo ${BERNSTEIN_NOTIFY_SEVERITY}"`
  // is expanded by the child with this event's values, not by the loader with the parent's.
  literalKeys: ['command'],
  defaultTimeoutS: 30,
  render(event, cfg) {
    return {
      target: `exec ${JSON.stringify(cfg.command)}`,
      // Python json.dumps defaults: ", " / ": ", ASCII-escaped, no trailing newline.
      body: pythonJson(pythonPayload(event)),
      meta: { argv: cfg.command, env: pinnedVariables(event.event_id, event.kind, event.severity, cfg.id) },
    };
  },
  async deliver(message, cfg, ctx) {
    const event = ctx.events[0]!;
    const ignored = Object.keys(cfg.env).filter(isPinned);
    // Bernstein configs that set these must still load, so this is a warning (once), not an error.
    if (ignored.length && !ctx.memory.has('warned-pinned')) {
      ctx.memory.set('warned-pinned', true);
      ctx.log.warn(`shell sink '${cfg.id}': env ${ignored.join(', ')} ignored (pinned by Herald)`);
    }
    const env = childEnvironment(ctx.env, cfg.env, pinnedVariables(event.event_id, event.kind, event.severity, cfg.id));
    const [program, ...args] = cfg.command;
    const result = await run(program!, args, { env, cwd: cfg.cwd ? resolve(ctx.baseDir, cfg.cwd) : undefined, stdin: String(message.body), timeoutMs: ctx.timeoutMs });
    const label = `shell sink '${cfg.id}'`;
    if (result.spawnError) {
      const code = result.spawnError.code;
      // A missing or non-executable program does not fix itself between attempts (§10.10).
      if (code === 'ENOENT') throw new PermanentError(`${label} command not found: ${program}`);
      if (code === 'EACCES') throw new PermanentError(`${label} command not executable: ${program}`);
      throw new TransientError(`shell sink spawn error: ${result.spawnError.message}`);
    }
    if (result.timedOut) throw new TransientError(`${label} timed out`);
    if (result.exitCode !== 0) {
      const text = `${label} exited ${result.exitCode}: ${result.stderr.trim().slice(0, STDERR_CHARS)}`;
      throw cfg.non_zero_exit_is_permanent ? new PermanentError(text) : new TransientError(text);
    }
    return { response: `exit 0` };
  },
});

interface RunResult {
  exitCode: number;
  stderr: string;
  timedOut: boolean;
  spawnError?: NodeJS.ErrnoException;
}

function run(program: string, args: string[], options: { env: Record<string, string>; cwd?: string; stdin: string; timeoutMs: number }): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(program, args, { env: options.env, cwd: options.cwd, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += d.toString('utf8');
    });
    child.on('error', (error) => (spawnError = error));
    // A child that exits without reading stdin closes the pipe; that is not a delivery failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Like Python's returncode: a signal shows as its negated number.
      const exitCode = code ?? (signal ? -signalNumber(signal) : -1);
      done({ exitCode, stderr, timedOut, ...(spawnError ? { spawnError } : {}) });
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15 };
  return numbers[signal] ?? 0;
}
