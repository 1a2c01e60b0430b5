// Bundles each entry point with ncc into one self-contained file under dist/.
// Packages listed in src/lazy/packages.ts are bundled separately and embedded in each bundle as a
// gzipped string, compiled only when first used (src/lazy/load.ts): start-up parses only what it runs.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const entries = [
  { src: 'src/cli/index.ts', out: 'dist/cli', name: 'index.js', shebang: true },
  { src: 'src/index.ts', out: 'dist/lib', name: 'index.js' },
  { src: 'src/action/main.ts', out: 'dist/action', name: 'main.js' },
  { src: 'src/action/post.ts', out: 'dist/action', name: 'post.js' },
];

const { sourceHash } = await import('./source-hash.mjs');
const builtFrom = sourceHash(process.cwd());

const nccCli = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const work = join('build', 'ncc');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

function ncc(entry, outDir) {
  execFileSync(process.execPath, [nccCli, 'build', entry, '-o', outDir, '-m', '--no-source-map-register', '-q', '--license', 'licenses.txt'], { stdio: 'inherit' });
  const files = readdirSync(outDir).filter((f) => /\.c?js$/.test(f));
  if (files.length !== 1) throw new Error(`${entry}: expected one bundle file, got ${files.join(', ')} (dynamic imports need /* webpackMode: "eager" */)`);
  return readFileSync(join(outDir, files[0]), 'utf8');
}

// 1. The lazily loaded packages, each as CommonJS source.
const lazyNames = [...readFileSync('src/lazy/packages.ts', 'utf8').matchAll(/LAZY_PACKAGES = \[([^\]]*)\]/g)][0][1]
  .split(',').map((s) => s.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);
const lazySources = {};
const lazyLicenses = [];
for (const name of lazyNames) {
  const entry = join(work, `lazy-${name.replace(/[^a-z0-9]/gi, '_')}.cjs`);
  writeFileSync(entry, `module.exports = require(${JSON.stringify(name)});\n`);
  // Gzipped and base64-encoded: two thirds of the bundle were these sources, which every start
  // read, decoded and scanned whether or not it used them.
  lazySources[name] = gzipSync(ncc(entry, `${entry}.out`), { level: 9 }).toString('base64');
  lazyLicenses.push(readFileSync(join(`${entry}.out`, 'licenses.txt'), 'utf8'));
}
const lazyPrelude = `globalThis.__HERALD_LAZY__ = Object.assign(globalThis.__HERALD_LAZY__ ?? {}, ${JSON.stringify(lazySources)});\n`;

// 2. The entry points. The lazy packages are resolved at run time (webpackIgnore), never bundled twice.
for (const entry of entries) {
  if (!existsSync(entry.src)) continue;
  const outDir = join(work, entry.name === 'index.js' ? entry.out.replace(/\//g, '_') : entry.name);
  let code = ncc(entry.src, outDir);
  const usesLazy = code.includes('__HERALD_LAZY__');
  if (code.startsWith('#!')) code = code.slice(code.indexOf('\n') + 1);
  code = (entry.shebang ? '#!/usr/bin/env node\n' : '') + (usesLazy ? lazyPrelude : '') + code;
  mkdirSync(entry.out, { recursive: true });
  const target = join(entry.out, entry.name);
  writeFileSync(target, code);
  const licenses = [readFileSync(join(outDir, 'licenses.txt'), 'utf8'), ...(usesLazy ? lazyLicenses : [])];
  writeFileSync(join(entry.out, entry.name.replace(/\.js$/, '') + '.licenses.txt'), licenses.join('\n'));
  if (entry.shebang) chmodSync(target, 0o755);
}
rmSync(work, { recursive: true, force: true });

// 3. Type declarations for library users (`import { createHerald } from 'herald-notify'`).
rmSync(join('dist', 'lib', 'types'), { recursive: true, force: true });
execFileSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });

// 4. What this dist/ was built from (hashed before building, so an edit made meanwhile leaves it
// stale), for build-if-stale.mjs to tell a current dist/ by content.
writeFileSync(join('dist', '.source-hash'), `${builtFrom}\n`);
