// How the bundled CLI reads its chunks (dist/cli/chunks/*.js): as scripts through node:vm with a
// V8 code cache made at exit, after the run. Node's own compile cache stores a module's code right
// after compiling it, so every function first called later (most of Herald: ~500 per `send`) was
// parsed and compiled again on every start; a cache made after the run holds them too. Node 20,
// which has no compile cache, reads the same cache. The cache lives beside Node's, in the user's
// own 0700 folder (compile-cache.ts decides which, or none); each file is named by the chunk's
// content hash, since V8 itself only checks a cached script's length.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

interface ChunkExports {
  id: unknown;
  ids: unknown;
  modules: unknown;
}

/** The folder of the bundle's entry; chunk paths are relative to it. */
export function installChunkLoader(entryDir: string, cacheDir: string | undefined, debug = false): void {
  const pending: { script: Script; file: string }[] = [];
  const cacheFolder = cacheDir ? join(cacheDir, `chunks-${process.version}-${process.arch}`) : undefined;
  const load = (relative: string): ChunkExports => {
    const path = join(entryDir, relative);
    const source = readFileSync(path, 'utf8');
    const file = cacheFolder ? join(cacheFolder, `${relative.replace(/\W/g, '_')}-${contentHash(source)}`) : undefined;
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
    if (debug) process.stderr.write(`herald: chunk ${relative} (${hit ? 'cached' : 'compiled'})\n`);
    if (file && !hit) pending.push({ script, file });
    return script.runInThisContext() as ChunkExports;
  };
  // webpack's chunk runtime expects a promise, as import() gives (scripts/build.mjs points it here).
  (globalThis as { __heraldLoadChunk?: (relative: string) => Promise<ChunkExports> }).__heraldLoadChunk = async (relative) => load(relative);
  if (!cacheFolder) return;
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
    } catch {
      // a full disk or a read-only cache: run uncached next time
    }
  });
}

/** FNV-1a over the text twice with different seeds, and its length: a name for this content. */
function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}${text.length.toString(16)}`;
}
