// Chooses and opens the state backend from flags, environment and config.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '../core/context.js';
import type { NotificationsBlock } from '../core/config-schema.js';
import { DirStore } from './dir.js';
import { checkStateFolder } from './safe-dir.js';
import { backendFor, checkStateChoice, defaultStateDir, type StateChoice } from './choice.js';
import type { StateStore } from './store.js';
import { openRedisOrFallback, redisUrlFor } from './open-redis.js';

export { checkStateChoice, defaultStateDir, type StateChoice } from './choice.js';

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
  checkStateChoice(choice, block, env);
  const backend = backendFor(choice, block, env);
  const redisUrl = redisUrlFor(backend, block, env);
  if (redisUrl !== undefined) {
    options.redactor?.add(redisUrl);
    return openRedisOrFallback(redisUrl, block, policy, log, () => new DirStore(defaultStateDir(cwd, env, block, options.baseDir), policy, log));
  }
  if (backend === 'none') {
    // No persistence: a private folder that lives as long as the process. (Synchronous calls:
    // `validate` and dry runs come here, and node:fs/promises costs a start ~3 ms to load.)
    const dir = mkdtempSync(join(tmpdir(), 'herald-state-'));
    const store = new DirStore(dir, policy, log);
    // Nothing outlives the run here, dead letters included: callers that must keep a failure
    // (watch) ask `durable` before counting a dead letter as kept.
    (store as { durable?: boolean }).durable = false;
    const close = store.close.bind(store);
    store.close = async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    };
    return store;
  }
  const dir = choice.stateDir ? resolve(cwd, choice.stateDir) : defaultStateDir(cwd, env, block, options.baseDir);
  // Refused here, before anything is sent: a folder a checkout or a cache restore could point elsewhere.
  checkStateFolder(dir, dir === resolve(cwd, '.herald', 'state') ? { parent: resolve(cwd, '.herald') } : {});
  return new DirStore(dir, policy, log);
}
