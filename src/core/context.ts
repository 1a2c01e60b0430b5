// Side effects come in through one door: clock, sleep, randomness, environment and output are
// passed in, so tests control time and read what was printed without patching modules.
import { Redactor } from './redact.js';
import { writeErr, writeOut } from './std-output.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export interface Clock {
  nowMs(): number;
}

export interface RuntimeContext {
  clock: Clock;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
  env: Record<string, string | undefined>;
  cwd: string;
  log: Logger;
  redactor: Redactor;
  /** Where command output goes (and sinks' output, unless `sinkOutput` says otherwise). */
  stdout: (line: string) => void;
  /**
   * Where sinks that print (console) write. Under `--json` stdout carries JSON lines only, so the
   * CLI points this at stderr.
   */
  sinkOutput?: (line: string) => void;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A logger that writes redacted lines to stderr; quiet drops info/debug. */
export function stderrLogger(redactor: Redactor, options: { quiet?: boolean; debug?: boolean } = {}): Logger {
  const write = (prefix: string, message: string) => writeErr(`${prefix}${redactor.redact(message)}\n`);
  return {
    info: (m) => (options.quiet ? undefined : write('herald: ', m)),
    warn: (m) => write('herald: warning: ', m),
    error: (m) => write('herald: error: ', m),
    debug: (m) => (options.debug ? write('herald: debug: ', m) : undefined),
  };
}

export function createRuntimeContext(overrides: Partial<RuntimeContext> = {}): RuntimeContext {
  const redactor = overrides.redactor ?? new Redactor();
  const env = overrides.env ?? process.env;
  return {
    clock: systemClock,
    sleep,
    random: Math.random,
    env,
    cwd: process.cwd(),
    redactor,
    log: stderrLogger(redactor, { debug: Boolean(env.HERALD_DEBUG) }),
    stdout: (line) => writeOut(`${redactor.redact(line)}\n`),
    ...overrides,
  };
}
