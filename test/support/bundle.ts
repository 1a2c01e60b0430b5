// End-to-end tests run dist/: rebuild it first when a source file is newer, so a local run never
// tests a stale bundle (CI rebuilds anyway and checks dist/ is committed current).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, CLI_BUNDLE } from './cli.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let checked = false;

export function bundleIsCurrent(): boolean {
  return existsSync(CLI_BUNDLE) && statSync(CLI_BUNDLE).mtimeMs >= newestMtime(join(ROOT, 'src'));
}

/**
 * `npm test` builds once before the runner starts (scripts/test.mjs); this covers a test file run
 * on its own. Test files run in parallel, so a build takes a lock folder first and looks again once
 * it holds it: two builds writing build/ncc at once corrupt each other.
 */
export function ensureBundle(): void {
  if (checked) return;
  checked = true;
  if (bundleIsCurrent()) return;
  const lock = join(ROOT, 'build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!bundleIsCurrent()) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
