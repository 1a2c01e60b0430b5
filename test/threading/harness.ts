// Heralds that share one state folder (two steps, two processes of one job), built in-process.
import { join } from 'node:path';
import { createHerald, type Herald } from '../../src/herald.js';
import type { Logger } from '../../src/core/context.js';
import { buildEvent, type EventInput, type NotificationEvent } from '../../src/core/event.js';
import { workspace } from '../support/cli.js';

export interface Shared {
  dir: string;
  warnings: string[];
  /** A new Herald over the folder's config and state, as a new process would open it. */
  open(state?: { state?: string; stateDir?: string }): Promise<Herald>;
}

export async function sharedFolder(yaml: string, env: Record<string, string> = {}): Promise<Shared> {
  const dir = await workspace({ 'herald.yml': yaml });
  const warnings: string[] = [];
  const log: Logger = { info: () => undefined, debug: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  return {
    dir,
    warnings,
    open: (state) =>
      createHerald({
        config: join(dir, 'herald.yml'),
        cwd: dir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env },
        state: state ?? { stateDir: join(dir, '.herald', 'state') },
        context: { log, stdout: () => undefined },
      }),
  };
}

/** One event of run r-1, task t-1 (so one conversation by default). */
export function runEvent(input: Partial<EventInput> & { kind: string }, n = 0): NotificationEvent {
  return buildEvent({ title: `${input.kind} ${n}`, run_id: 'r-1', task_id: 't-1', timestamp: 1_700_000_000 + n, ...input }, 0);
}

/** A USR-like progress record of the same run. */
export function progressEvent(n: number, total = 200): NotificationEvent {
  return runEvent({ kind: 'densegen_progress', title: `densegen ${Math.round((n / total) * 100)}% (${n}/${total})`, body: `rows ${n}`, labels: { status: 'running' }, event_id: `p-${n}` }, n);
}

export const FAST_RETRY = '{max_attempts: 4, initial_delay_ms: 10, backoff_factor: 2, max_delay_ms: 100, jitter: 0, max_retry_after_ms: 5000}';
