#!/usr/bin/env node
// `herald`: a thin front door over the pipeline (src/cli/main.ts holds the commands).
import { main } from './main.js';
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();

// A reader that goes away (`herald list | head`) is not a failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
