// Heavy packages (the HTTP client, SMTP, Redis, the progress bar) are kept out of the start-up
// path. In the bundles, each is embedded as a gzipped string by scripts/build.mjs and unpacked and
// compiled only when first used, so a command that never sends pays neither its parse nor its
// evaluation. Run from source (tests, tsx), the package is imported normally.
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

declare global {
  // Filled by the build: package name → CommonJS source of its own ncc bundle, gzipped, base64.
  var __HERALD_LAZY__: Record<string, string> | undefined;
}

// The promise is cached, not the exports: sixteen sinks starting at once must share one load
// rather than each unpack and compile the package while the first is still at work.
const loading = new Map<string, Promise<unknown>>();

/** The package's CommonJS exports (what `require(name)` would give). */
export function lazyRequire<T>(name: string): Promise<T> {
  let pending = loading.get(name);
  if (!pending) {
    pending = load(name);
    loading.set(name, pending);
    pending.catch(() => loading.delete(name));
  }
  return pending as Promise<T>;
}

async function load(name: string): Promise<unknown> {
  const embedded = globalThis.__HERALD_LAZY__?.[name];
  if (embedded !== undefined) {
    const filename = fileURLToPath(import.meta.url);
    const module = { exports: {} as unknown };
    const { gunzipSync } = await import('node:zlib');
    const source = gunzipSync(Buffer.from(embedded, 'base64')).toString('utf8');
    const run = compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: `${filename}#${name}` });
    run(module.exports, createRequire(import.meta.url), module, filename, dirname(filename));
    return module.exports;
  }
  const namespace = (await import(/* webpackIgnore: true */ name)) as { default?: unknown };
  return namespace.default ?? namespace;
}
