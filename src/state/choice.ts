// Which state backend a run asks for (flags, environment, config), and whether that choice can
// work, judged without opening anything: `validate` asks it without loading the stores.
import { resolve } from 'node:path';
import type { NotificationsBlock } from '../core/config-schema.js';
import { ConfigError } from '../core/errors.js';
import { redisUrlFor } from './open-redis.js';
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

export function backendFor(choice: StateChoice, block: Pick<NotificationsBlock, 'state'>, env: Record<string, string | undefined>): string {
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
