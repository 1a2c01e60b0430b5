// Chooses and opens the state backend from flags, environment and config.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '../core/context.js';
import type { NotificationsBlock } from '../core/config-schema.js';
import { DirStore } from './dir.js';
import { checkStateFolder } from './safe-dir.js';
import type { StateStore } from './store.js';
import { openRedisOrFallback, redisUrlFor } from './open-redis.js';

export interface StateChoice {
  /** --state-dir */
  stateDir?: string;
  /** --state: a backend name or a redis:// URL */
  state?: string;
}

export function defaultStateDir(cwd: string, env: Record<string, string | undefined>, block?: Pick<NotificationsBlock, 'state'>, baseDir?: string): string {
  if (env.HERALD_STATE_DIR) return resolve(cwd, env.HERALD_STATE_DIR);
  if (block?.state.dir) return resolve(baseDir ?? cwd, block.state.dir);
  return resolve(cwd, '.herald', 'state');
}

function backendFor(choice: StateChoice, block: Pick<NotificationsBlock, 'state'>, env: Record<string, string | undefined>): string {
  return choice.stateDir ? 'dir' : (choice.state ?? env.HERALD_STATE ?? (env.HERALD_STATE_URL ? 'redis' : block.state.backend));
}

/** Throws the ConfigError opening the state would (a redis backend without a usable URL), connecting to nothing. */
export function checkStateChoice(choice: StateChoice, block: Pick<NotificationsBlock, 'state'>, env: Record<string, string | undefined>): void {
  redisUrlFor(backendFor(choice, block, env), block, env);
}

export async function openStateStore(options: {
  choice: StateChoice;
  block: Pick<NotificationsBlock, 'state' | 'dedup_window_seconds' | 'dedup_lru_size'>;
  cwd: string;
  baseDir: string;
  env: Record<string, string | undefined>;
  log: Logger;
  /** Learns the Redis URL, which is a secret (it may carry a password). */
  redactor?: { add(secret: string): void };
}): Promise<StateStore> {
  const { choice, block, cwd, env, log } = options;
  const policy = { windowMs: block.dedup_window_seconds * 1000, lruSize: block.dedup_lru_size };
  const backend = backendFor(choice, block, env);
  const redisUrl = redisUrlFor(backend, block, env);
  if (redisUrl !== undefined) {
    options.redactor?.add(redisUrl);
    return openRedisOrFallback(redisUrl, block, policy, log, () => new DirStore(defaultStateDir(cwd, env, block, options.baseDir), policy, log));
  }
  if (backend === 'none') {
    // No persistence: a private folder that lives as long as the process.
    const dir = await mkdtemp(join(tmpdir(), 'herald-state-'));
    const store = new DirStore(dir, policy, log);
    // Nothing outlives the run here, dead letters included: callers that must keep a failure
    // (watch) ask `durable` before counting a dead letter as kept.
    (store as { durable?: boolean }).durable = false;
    const close = store.close.bind(store);
    store.close = async () => {
      await close();
      await rm(dir, { recursive: true, force: true });
    };
    return store;
  }
  const dir = choice.stateDir ? resolve(cwd, choice.stateDir) : defaultStateDir(cwd, env, block, options.baseDir);
  // Refused here, before anything is sent: a folder a checkout or a cache restore could point elsewhere.
  await checkStateFolder(dir, dir === resolve(cwd, '.herald', 'state') ? { parent: resolve(cwd, '.herald') } : {});
  return new DirStore(dir, policy, log);
}
