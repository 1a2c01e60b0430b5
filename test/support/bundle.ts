// End-to-end tests run dist/: rebuild it first when a source file is newer, so a local run never
// tests a stale bundle (CI rebuilds anyway and checks dist/ is committed current).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli.js';

let checked = false;

export function ensureBundle(): void {
  if (checked) return;
  checked = true;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
