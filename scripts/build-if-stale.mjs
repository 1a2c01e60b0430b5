// Builds dist/ when it was not built from the current sources: the end-to-end tests run dist/.
// Staleness is decided by content (dist/.source-hash, see source-hash.mjs), not by mtimes, which a
// fresh clone sets in checkout order. `npm test` runs this once before the test runner starts; a
// test file run on its own runs it through test/support/bundle.ts. Callers at the same moment take
// a lock folder and look again once they hold it: two builds writing build/ncc at once corrupt
// each other. A lock whose holder died (killed mid-build) is taken over.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceHash } from './source-hash.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.source-hash');

const current = () => existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sourceHash(root);

function holderAlive(lock) {
  let pid;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return true; // just made, pid not written yet
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

if (!current()) {
  const lock = join(root, 'build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      if (!holderAlive(lock)) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!current()) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
