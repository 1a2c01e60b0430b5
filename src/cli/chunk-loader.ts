// How the bundled CLI reads its chunks (dist/cli/chunks/*.js): as scripts through node:vm with a
// V8 code cache made at exit, after the run. Node's own compile cache stores a module's code right
// after compiling it, so every function first called later (most of Herald: ~500 per `send`) was
// parsed and compiled again on every start; a cache made after the run holds them too. Node 20,
// which has no compile cache, reads the same cache. The cache lives beside Node's, in the user's
// own 0700 folder (compile-cache.ts decides which, or none); each file is named by the chunk's
// content (the hash the build wrote on its last line) and the file's identity (a hand-edited
// chunk), since V8 itself only checks a cached script's length.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { writeErr } from '../core/std-output.js';

interface ChunkExports {
  id: unknown;
  ids: unknown;
  modules: unknown;
}

/**
 * Which commands share a chunk's code cache. A cache holds the functions of the run that made it
 * and V8 compiles the rest on every start: a `send` run on a cache that `validate` made compiled
 * ~10 M instructions' worth (~5 ms) again each time. So each command (and a dry run apart from a
 * real one, which runs other code) keeps its own cache of a chunk.
 */
export function cacheVariant(argv: readonly string[]): string {
  const command = argv.find((arg) => !arg.startsWith('-'));
  const name = command === undefined ? 'options' : /^[a-z][a-z0-9-]{0,30}$/.test(command) ? command.replace(/-/g, '_') : 'other';
  return argv.includes('--dry-run') ? `${name}_dry` : name;
}

/** The folder of the bundle's entry; chunk paths are relative to it. Returns the loader: it
 *  runs a chunk (or the CLI's program, run.js) and gives what the script evaluates to. */
export function installChunkLoader(entryDir: string, cacheDir: string | undefined, options: { variant: string; debug?: boolean }): (relative: string) => unknown {
  const { variant, debug = false } = options;
  const pending: { script: Script; file: string }[] = [];
  const cacheFolder = cacheDir ? join(cacheDir, `chunks-${process.version}-${process.arch}`) : undefined;
  const load = (relative: string): unknown => {
    const path = join(entryDir, relative);
    const { source, key } = readChunk(path);
    // `<chunk>.<variant>-<key>`: pruneStale groups a chunk's files by what comes before the dash.
    const file = cacheFolder && key ? join(cacheFolder, `${relative.replace(/\W/g, '_')}.${variant}-${key}`) : undefined;
    let cachedData: Buffer | undefined;
    if (file) {
      try {
        cachedData = readFileSync(file);
      } catch {
        // not cached yet
      }
    }
    const script = new Script(source, { filename: path, cachedData });
    const hit = cachedData !== undefined && !script.cachedDataRejected;
    if (debug) writeErr(`herald: chunk ${relative} (${hit ? 'cached' : 'compiled'})\n`);
    if (file && !hit) pending.push({ script, file });
    return script.runInThisContext();
  };
  // webpack's chunk runtime expects a promise, as import() gives (scripts/build.mjs points it here).
  (globalThis as { __heraldLoadChunk?: (relative: string) => Promise<ChunkExports> }).__heraldLoadChunk = async (relative) => load(relative) as ChunkExports;
  if (!cacheFolder) return load;
  // At exit the scripts hold every function the run compiled; a failed write only costs the next start.
  process.on('exit', () => {
    if (!pending.length) return;
    try {
      mkdirSync(cacheFolder, { recursive: true, mode: 0o700 });
      for (const { script, file } of pending) {
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, file);
      }
      pruneStale(cacheFolder, new Set(pending.map(({ file }) => file.slice(cacheFolder.length + 1))));
    } catch {
      // a full disk or a read-only cache: run uncached next time
    }
  });
  return load;
}

/** A chunk's text, and the name of its code cache: undefined for a chunk the build did not hash. */
function readChunk(path: string): { source: string; key: string | undefined } {
  const fd = openSync(path, 'r');
  try {
    const { size, mtimeNs, ino } = fstatSync(fd, { bigint: true });
    const source = readFileSync(fd, 'utf8');
    const hash = /\/\/# heraldChunkHash=(\w+)\s*$/.exec(source.slice(-64))?.[1];
    return { source, key: hash && [hash, size, mtimeNs, ino].map((part) => part.toString(36)).join('-') };
  } finally {
    closeSync(fd);
  }
}

const DAY_MS = 86_400_000;

/** Removes a chunk's older cache files for the same command (other builds, other copies) once a
 *  day old, so the folder does not grow with every build while two installs used side by side
 *  keep theirs for a while. */
function pruneStale(folder: string, written: Set<string>): void {
  const chunks = new Set([...written].map((name) => name.slice(0, name.indexOf('-'))));
  for (const name of readdirSync(folder)) {
    if (written.has(name) || !chunks.has(name.slice(0, name.indexOf('-')))) continue;
    const path = join(folder, name);
    if (Date.now() - statSync(path).mtimeMs > DAY_MS) unlinkSync(path);
  }
}
