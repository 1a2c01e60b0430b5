// Chooses and opens the state backend from flags, environment and config.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '../core/context.js';
import type { NotificationsBlock } from '../core/config-schema.js';
import { DirStore } from './dir.js';
import { checkStateFolder } from './safe-dir.js';
import type { StateStore } from './store.js';
import { openRedisOrFallback, redisUrlFor } from './open-redis.js';
import { ConfigError } from '../core/errors.js';
import { describeRedisUrl } from './redis-connection.js';

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
  // An empty HERALD_STATE (a workflow's `${{ vars.X }}` left unset) means unset, not a backend.
  return choice.stateDir ? 'dir' : (choice.state ?? (env.HERALD_STATE || undefined) ?? (env.HERALD_STATE_URL ? 'redis' : block.state.backend));
}

/** Throws the ConfigError opening the state would (a redis backend without a usable URL), connecting to nothing. */
export function checkStateChoice(choice: StateChoice, block: Pick<NotificationsBlock, 'state'>, env: Record<string, string | undefined>): void {
  const backend = backendFor(choice, block, env);
  // A misspelt backend or URL (`mongo://x`, `rediss//host`) would otherwise mean the local folder,
  // turning cross-host dedup off without a word.
  if (!KNOWN_BACKENDS.includes(backend) && !/^rediss?:\/\//i.test(backend)) {
    const from = choice.stateDir ? '--state-dir' : choice.state !== undefined ? '--state' : env.HERALD_STATE ? 'HERALD_STATE' : 'notifications.state.backend';
    throw new ConfigError(`${from}: unknown state backend '${backend.replace(/^(.*?\/\/)?[^@/]*@/, '$1***@')}'`, { fix: 'use dir, none, redis (with state.url or HERALD_STATE_URL), or a redis:// / rediss:// URL' });
  }
  if (block.state.url && !/^rediss?:\/\//i.test(block.state.url)) {
    throw new ConfigError(`state.url must start with redis:// or rediss://, got '${describeRedisUrl(block.state.url)}'`, { keyPath: 'notifications.state.url', fix: 'give the Redis URL, or remove state.url' });
  }
  redisUrlFor(backend, block, env);
}

const KNOWN_BACKENDS = ['dir', 'none', 'redis', 'actions-cache'];

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
