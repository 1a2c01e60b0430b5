// The CLI's program: what `herald` runs once the front door (index.ts) has set up the code caches.
// The build makes its bundle a script (dist/cli/run.js) that the front door runs through the same
// code cache as the chunks, so its functions are not compiled again on every start; from source,
// `node --import tsx src/cli/run.ts` runs it as it is.
import { guardStreamsWhenTouched } from './pipe-guard.js';

guardStreamsWhenTouched();

const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
