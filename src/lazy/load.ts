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

const loaded = new Map<string, unknown>();

/** The package's CommonJS exports (what `require(name)` would give). */
export async function lazyRequire<T>(name: string): Promise<T> {
  if (loaded.has(name)) return loaded.get(name) as T;
  const embedded = globalThis.__HERALD_LAZY__?.[name];
  let exports: unknown;
  if (embedded !== undefined) {
    const filename = fileURLToPath(import.meta.url);
    const module = { exports: {} as unknown };
    const { gunzipSync } = await import('node:zlib');
    const source = gunzipSync(Buffer.from(embedded, 'base64')).toString('utf8');
    const run = compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: `${filename}#${name}` });
    run(module.exports, createRequire(import.meta.url), module, filename, dirname(filename));
    exports = module.exports;
  } else {
    const namespace = (await import(/* webpackIgnore: true */ name)) as { default?: unknown };
    exports = namespace.default ?? namespace;
  }
  loaded.set(name, exports);
  return exports as T;
}
