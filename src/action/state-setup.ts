// Which state backend a step uses, and the handful of facts the post step needs to save it,
// passed through core.saveState (the runner hands them back as STATE_<name>). Everything the
// action writes for itself lives under RUNNER_TEMP: the workspace is the user's checkout.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateChoice } from '../state/open.js';
import { cacheLayout, cachePrefix, type CacheLayout } from '../state/actions-cache.js';
import type { GitHubRun } from './github-context.js';
import type { ActionInputs, StateMode } from './inputs.js';
import type { CorePort } from './ports.js';

export const SAVED = {
  mode: 'herald-state-mode',
  storeDir: 'herald-store-dir',
  transferDir: 'herald-transfer-dir',
  transferPath: 'herald-transfer-path',
  key: 'herald-cache-key',
  dryRun: 'herald-dry-run',
  windowMs: 'herald-dedup-window-ms',
  lruSize: 'herald-dedup-lru-size',
} as const;

/** The runner's per-job scratch folder (emptied between jobs); the system temp dir off a runner. */
export function runnerTemp(env: Record<string, string | undefined>): string {
  return env.RUNNER_TEMP || tmpdir();
}

/** Where the action keeps files that are not state: the inline config, the results file. */
export function actionScratchDir(env: Record<string, string | undefined>): string {
  return join(runnerTemp(env), 'herald');
}

/**
 * The job's local state folder. An earlier Herald step of the job exported HERALD_STATE_DIR, so
 * every step of a job shares one store; a user's own HERALD_STATE_DIR is honoured the same way.
 */
export function localStateDir(env: Record<string, string | undefined>): string {
  return env.HERALD_STATE_DIR || cacheLayout(runnerTemp(env), env.HOME || homedir()).storeDir;
}

export interface StatePlan {
  mode: StateMode;
  choice: StateChoice;
  layout?: CacheLayout;
  prefix?: string;
  key?: string;
  notes: string[];
}

export function planState(inputs: ActionInputs, run: GitHubRun, env: Record<string, string | undefined>, cacheAvailable: boolean, matrixHash: string | undefined): StatePlan {
  const notes: string[] = [];
  let mode = inputs.state;
  if (mode === 'actions-cache' && !cacheAvailable) {
    // isFeatureAvailable() only looks at ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL: false outside
    // a runner, and on GHES without a cache service.
    notes.push('the Actions cache is not available here, so state stays in a local folder for this job only');
    mode = 'dir';
  }
  if (mode !== 'actions-cache') {
    // `dir` means this folder even when the config names another backend, as --state-dir does.
    const choice: StateChoice = mode === 'dir' ? { stateDir: localStateDir(env) } : { state: mode };
    return { mode, choice, notes };
  }
  const layout = cacheLayout(runnerTemp(env), env.HOME || homedir());
  const prefix = cachePrefix(inputs.stateKey);
  const job = (run.job || 'job').replace(/[^A-Za-z0-9_.-]/g, '_');
  const key = `${prefix}${run.runId}-${run.runAttempt}-${job}${matrixHash ? `-${matrixHash}` : ''}`;
  return { mode, choice: { stateDir: layout.storeDir }, layout, prefix, key, notes };
}

export function rememberForPost(core: Pick<CorePort, 'saveState'>, plan: StatePlan, dryRun: boolean, policy: { windowMs: number; lruSize: number }): void {
  core.saveState(SAVED.mode, plan.mode);
  core.saveState(SAVED.dryRun, String(dryRun));
  if (!plan.layout || !plan.key) return;
  core.saveState(SAVED.storeDir, plan.layout.storeDir);
  core.saveState(SAVED.transferDir, plan.layout.transferDir);
  core.saveState(SAVED.transferPath, plan.layout.transferPath);
  core.saveState(SAVED.key, plan.key);
  core.saveState(SAVED.windowMs, String(policy.windowMs));
  core.saveState(SAVED.lruSize, String(policy.lruSize));
}
