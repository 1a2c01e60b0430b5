// Side effects of the action come in through one door (as slack-github-action injects `core`):
// the runner's toolkit, the cache client, fetch and the environment. Unit tests pass doubles;
// the end-to-end tests run the real bundles against a loopback cache service.
import type * as Core from '@actions/core';
import type { CachePort } from '../state/actions-cache.js';

export type CorePort = Pick<
  typeof Core,
  | 'getInput'
  | 'getBooleanInput'
  | 'getMultilineInput'
  | 'setOutput'
  | 'setSecret'
  | 'setFailed'
  | 'saveState'
  | 'getState'
  | 'exportVariable'
  | 'info'
  | 'debug'
  | 'notice'
  | 'warning'
  | 'error'
  | 'summary'
>;

export interface ActionPorts {
  core: CorePort;
  cache: CachePort;
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  cwd: string;
  nowMs(): number;
}

/** The real toolkit, imported when the action runs (in dist/ a chunk beside main.js). */
export async function realPorts(): Promise<ActionPorts> {
  const core = await import('@actions/core');
  const cache = await import('@actions/cache');
  return { core, cache, fetch: globalThis.fetch.bind(globalThis), env: process.env, cwd: process.cwd(), nowMs: () => Date.now() };
}

/** Herald's logger on top of the runner's log. Warnings stay plain log lines: annotations are
 * capped at 10 per step, so they are kept for delivery failures. */
export function coreLogger(core: Pick<CorePort, 'info' | 'debug'>, redact: (text: string) => string = (t) => t): import('../core/context.js').Logger {
  return {
    info: (m) => core.info(redact(m)),
    warn: (m) => core.info(`warning: ${redact(m)}`),
    error: (m) => core.info(`error: ${redact(m)}`),
    debug: (m) => core.debug(redact(m)),
  };
}

/** Console-sink output: a line starting with "::" would be read as a workflow command. */
export function safeStdout(redact: (text: string) => string): (line: string) => void {
  return (line) => process.stdout.write(`${redact(line).replace(/^::/gm, ' ::')}\n`);
}
