#!/usr/bin/env node
// `herald`: a thin front door over the pipeline (src/cli/main.ts holds the commands). This file
// stays tiny and turns the compile cache on before anything else is read, so commander and the
// command table come from the cache too (code read before the cache is on is compiled every run).
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();

// A reader that goes away (`herald list | head`) is not a failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
