// Runs every test/**/*.test.ts with Node's test runner through tsx. Node 20's runner takes no
// globs, so the files are listed here. Under `npm test`, npm puts the devDependency `node` (24)
// first on PATH; the tests run on npm's own Node (the supported floor, 20) unless HERALD_TEST_NODE
// says otherwise. Extra arguments are passed to the runner (e.g. a file or --test-name-pattern).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'support' ? [] : find(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

// The end-to-end tests run dist/: build it once here when a source is newer, rather than in
// several test processes at once.
const built = spawnSync(process.execPath, [join('scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const args = process.argv.slice(2);
const explicit = args.filter((a) => a.endsWith('.ts'));
const files = explicit.length ? explicit : find('test').sort();
const node = process.env.HERALD_TEST_NODE ?? process.env.npm_node_execpath ?? process.execPath;
const result = spawnSync(node, ['--import', 'tsx', '--test', '--test-concurrency=2', ...args.filter((a) => !a.endsWith('.ts')), ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
