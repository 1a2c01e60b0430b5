// Bundles each entry point with ncc into one self-contained file under dist/.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const entries = [
  { src: 'src/cli/index.ts', out: 'dist/cli', shebang: true },
  { src: 'src/index.ts', out: 'dist/lib' },
  { src: 'src/action/main.ts', out: 'dist/action', name: 'main.js' },
  { src: 'src/action/post.ts', out: 'dist/action', name: 'post.js' },
];

const ncc = join('node_modules', '.bin', 'ncc');
for (const entry of entries) {
  if (!existsSync(entry.src)) continue;
  const tmp = `${entry.out}.tmp-${entry.name ?? 'index.js'}`;
  rmSync(tmp, { recursive: true, force: true });
  execFileSync(process.execPath, [join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'), 'build', entry.src, '-o', tmp, '-m', '--no-source-map-register', '-q', '--license', 'licenses.txt'], { stdio: 'inherit' });
  const files = readdirSync(tmp).filter((f) => f.endsWith('.js'));
  if (files.length !== 1) throw new Error(`${entry.src}: expected one bundle file, got ${files.join(', ')} (use webpackMode "eager" on dynamic imports)`);
  let code = readFileSync(join(tmp, 'index.js'), 'utf8');
  if (entry.shebang && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`;
  const target = join(entry.out, entry.name ?? 'index.js');
  rmSync(entry.name ? target : entry.out, { recursive: true, force: true });
  execFileSync('mkdir', ['-p', entry.out]);
  writeFileSync(target, code);
  if (existsSync(join(tmp, 'licenses.txt'))) writeFileSync(join(entry.out, 'licenses.txt'), readFileSync(join(tmp, 'licenses.txt')));
  if (entry.shebang) chmodSync(target, 0o755);
  rmSync(tmp, { recursive: true, force: true });
}
