#!/usr/bin/env node
// `herald`: a thin front door over the pipeline (src/cli/main.ts holds the commands). This file is
// the only code compiled on every start, so it stays tiny: it sets up compiled-code caching (Node's
// compile cache for modules; the chunk loader, chunk-loader.ts, whose cache also holds every
// function a run compiled, on Node 20 too) and runs the program (run.ts, built as run.js) through
// that cache.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { cacheVariant, installChunkLoader } from './chunk-loader.js';
import { codeCacheDir, enableCompileCache } from './compile-cache.js';

// On Node 20, V8 recompiles undici's HTTP parser (WebAssembly) with its optimizing compiler in the
// background once it has parsed a response, and the process cannot exit before that is done:
// ~250 ms of every `herald send` that posts anything. The baseline compiler's code is quick enough
// for what a CLI run parses. Set first, so every code cache is made and read under the same flags.
if (Number(process.versions.node.split('.')[0]) < 22) setFlagsFromString('--liftoff-only');

const here = dirname(fileURLToPath(import.meta.url));
const cacheDir = codeCacheDir();
enableCompileCache(cacheDir);
const load = installChunkLoader(here, cacheDir, { variant: cacheVariant(process.argv.slice(2)), debug: Boolean(process.env.HERALD_DEBUG_CHUNKS) });

// run.js is the program's bundle made a script (scripts/build.mjs): it takes what a script cannot
// have of its own, the module's URL, a require, and import() for the chunks that are ES modules.
// Not awaited: a top-level await would put webpack's async-module machinery in this file, compiled
// on every start; the pending promise keeps the process running all the same. From source (tsx)
// there is no run.js, and run.ts is imported as the module it is.
if (existsSync(join(here, 'run.js'))) {
  const run = load('./run.js') as (createRequireFor: typeof createRequire, url: string, importModule: (specifier: string) => Promise<unknown>) => Promise<unknown>;
  void run(createRequire, import.meta.url, (specifier) => import(/* webpackIgnore: true */ new URL(specifier, import.meta.url).href));
} else {
  void import(/* webpackIgnore: true */ './run.js');
}
