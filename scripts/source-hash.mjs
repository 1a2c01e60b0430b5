// What dist/ was built from, as one hash: every file under src/, the build script and the locked
// dependency versions. dist/.source-hash holds it; a fresh clone (whose checkout order gives files
// arbitrary mtimes) then sees a current dist/ as current, and a real change as stale.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

export function sourceHash(root) {
  const hash = createHash('sha256');
  const inputs = [...files(join(root, 'src')), join(root, 'scripts', 'build.mjs'), join(root, 'package-lock.json'), join(root, 'tsconfig.json'), join(root, 'tsconfig.lib.json')];
  for (const file of inputs.sort()) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}
