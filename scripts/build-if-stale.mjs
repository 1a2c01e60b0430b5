// Builds dist/ when a source file is newer than the CLI bundle: the end-to-end tests run dist/.
// `npm test` runs this once before the test runner starts; a test file run on its own runs it
// through test/support/bundle.ts. Callers at the same moment take a lock folder and look again
// once they hold it: two builds writing build/ncc at once corrupt each other.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'index.js');

function newestMtime(dir) {
  return Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newestMtime(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
}

const current = () => existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtime(join(root, 'src'));

if (!current()) {
  const lock = join(root, 'build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!current()) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
