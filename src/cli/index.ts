#!/usr/bin/env node
// `herald`: a thin front door over the pipeline (src/cli/main.ts holds the commands). This file
// stays tiny and sets up compiled-code caching before anything else is read: Node's compile cache
// for modules, and the bundle's own chunk loader (chunk-loader.ts), whose cache also holds every
// function a run compiled, on Node 20 too.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { cacheVariant, installChunkLoader } from './chunk-loader.js';
import { codeCacheDir, enableCompileCache } from './compile-cache.js';
import { guardStreamsWhenTouched } from './pipe-guard.js';

// On Node 20, V8 recompiles undici's HTTP parser (WebAssembly) with its optimizing compiler in the
// background once it has parsed a response, and the process cannot exit before that is done:
// ~250 ms of every `herald send` that posts anything. The baseline compiler's code is quick enough
// for what a CLI run parses. Set first, so every code cache is made and read under the same flags.
if (Number(process.versions.node.split('.')[0]) < 22) setFlagsFromString('--liftoff-only');

const cacheDir = codeCacheDir();
enableCompileCache(cacheDir);
installChunkLoader(dirname(fileURLToPath(import.meta.url)), cacheDir, { variant: cacheVariant(process.argv.slice(2)), debug: Boolean(process.env.HERALD_DEBUG_CHUNKS) });

guardStreamsWhenTouched();

const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
