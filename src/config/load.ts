// Finding and loading the config: a file named by --config or HERALD_CONFIG, one of the usual
// names, or the embedded default. Parsing YAML (parse-text.ts) and checking the tree (check.ts)
// are their own modules; the sink kinds the config names are loaded before the check.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { MAX_CONFIG_BYTES, readInputFile } from '../core/input-file.js';
import { checkConfigTree, kindsNamed, type Locate } from './check.js';
import type { LoadedConfig, LoadOptions } from './types.js';

export { formatPath } from '../core/key-path.js';
export type { LoadedConfig, LoadOptions, MissingVariable, SinkEntry } from './types.js';

export const CONFIG_CANDIDATES = ['herald.yml', 'herald.yaml', '.github/herald.yml', 'bernstein.yaml'];

/** The embedded default: everything visible locally, nothing sent anywhere. In YAML:
 *  `notifications: {sinks: [{id: console, kind: console}, {id: events-file, kind: file, path: .herald/events.jsonl}]}` */
export function defaultConfigTree(): { notifications: { sinks: Record<string, unknown>[] } } {
  return {
    notifications: {
      sinks: [
        { id: 'console', kind: 'console' },
        { id: 'events-file', kind: 'file', path: '.herald/events.jsonl' },
      ],
    },
  };
}

export function discoverConfig(cwd: string, env: Record<string, string | undefined>, explicitPath?: string): string | null {
  if (explicitPath) return resolve(cwd, explicitPath);
  if (env.HERALD_CONFIG) return resolve(cwd, env.HERALD_CONFIG);
  for (const candidate of CONFIG_CANDIDATES) {
    const path = resolve(cwd, candidate);
    if (existsSync(path)) return path;
  }
  return null;
}

export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  if (options.text !== undefined) return checkText(options.text, null, options);
  const path = discoverConfig(options.cwd, options.env, options.explicitPath);
  if (!path) {
    if (!options.allowDefault) {
      throw new ConfigError('no config found', {
        fix: `create one of ${CONFIG_CANDIDATES.join(', ')}, or pass --config PATH (README.md, section Configuration, has an example; examples/batch/herald.yml is a working one)`,
      });
    }
    return checkTree(defaultConfigTree(), null, () => ({}), options);
  }
  const text = (await readInputFile(path, {
    what: 'config',
    maxBytes: MAX_CONFIG_BYTES,
    fail: (message, fix) => new ConfigError(message, { file: path, fix: message === 'config not found' ? 'check the path given with --config or HERALD_CONFIG' : fix }),
  }))!;
  return checkText(text, path, options);
}

async function checkText(text: string, file: string | null, options: LoadOptions): Promise<LoadedConfig> {
  const { readConfigText } = await import('./parse-text.js');
  const { root, where } = readConfigText(text, file);
  return checkTree(root, file, where, options);
}

async function checkTree(root: unknown, file: string | null, where: Locate, options: LoadOptions): Promise<LoadedConfig> {
  if (file && options.prepare) await options.prepare(root, file);
  const kinds = kindsNamed(root, options.extraSinks);
  await options.registry.load(kinds);
  // The service-URL parser (every scheme's rules) is read only for a config that has a URL sink.
  const expandUrl = kinds === undefined ? (await import('./url-sink.js')).expandUrlSink : undefined;
  return checkConfigTree(root, file, where, options, expandUrl);
}
