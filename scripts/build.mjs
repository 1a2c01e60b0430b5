// Bundles each entry point with ncc. What an entry imports dynamically (a command's code, a sink,
// the HTTP client, SMTP, Redis, zod) becomes a chunk file beside it, in <entry dir>/chunks/, read
// and compiled only when it runs: `herald --version` parses a few kilobytes, not the whole CLI.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const entries = [
  // The CLI's program (commands, pipeline, sinks): its chunks are chunks/<id>.index.js, and its
  // entry becomes the script run.js, which the front door runs through the code cache.
  { src: 'src/cli/run.ts', out: 'dist/cli', name: 'index.js', cli: 'program', lazy: ['child_process', 'crypto', 'fs/promises'] },
  // The CLI's front door, built alone and after the program (it has no chunks of its own): the one
  // file compiled on every start, so it stays tiny.
  { src: 'src/cli/index.ts', out: 'dist/cli', name: 'index.js', cli: 'door', shebang: true, lazy: ['v8'] },
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

// Chunks of different entries share a folder (dist/action holds main and post), so each entry's
// chunks carry its name; .mjs, so a copied folder runs as ES modules without a package.json.
const chunkName = (id, stem) => `${id}.${stem}.mjs`;

// Some builtins cost a short command more than it uses them: commander requires node:child_process
// when it loads (for git-style executable subcommands, which Herald does not use), pulling in net,
// dgram and streams (~8 ms); node:crypto evaluates all of its submodules (~11 ms) and
// node:fs/promises pulls in readline (~3 ms); node:v8, which the entry needs only on Node 20,
// builds Node's whole stream machinery (~12 M instructions). In the CLI each becomes a proxy that
// requires the module on first use, so only a command that spawns, hashes a file or awaits a file
// operation pays.
const LAZY_BUILTINS = ['child_process', 'crypto', 'fs/promises', 'v8'];
const eagerBuiltin = new RegExp(`(\\w+)=>\\{\\1\\.exports=(\\w+)\\(import\\.meta\\.url\\)\\("((?:node:)?(?:${LAZY_BUILTINS.join('|')}))"\\)\\}`, 'g');
// A builtin reaches the bundle as a module of its own (`m=>{m.exports=require(…)}`) or, in a
// concatenated module, as a constant (`const v=require(…);`); either becomes a proxy.
const eagerBuiltinConst = new RegExp(`\\b(const|let|var) (\\w+)=(\\w+)\\(import\\.meta\\.url\\)\\("((?:node:)?(?:${LAZY_BUILTINS.join('|')}))"\\);`, 'g');
// The proxy requires the builtin into `l` on first use; webpack asks a module for __esModule
// before any use (a builtin has none).
const lazyProxy = (req, name) => {
  const load = `(l??=${req}(import.meta.url)(${JSON.stringify(name)}))`;
  return `new Proxy({},{get:(_,k)=>k==="__esModule"?void 0:${load}[k],has:(_,k)=>k in${load}})`;
};
const lazyBuiltin = (_, m, req, name) => `${m}=>{let l;${m}.exports=${lazyProxy(req, name)}}`;
const lazyBuiltinConst = (_, kind, v, req, name) => `${kind} ${v}=(l=>${lazyProxy(req, name)})();`;

// Each builtin the CLI's entry hands out made a require of its own (createRequire resolves the
// entry's path each time, ~0.7 ms of a start); one is made on first use and shared.
function sharedRequire(code) {
  const creators = new Set([...code.matchAll(/\b(\w+)\(import\.meta\.url\)\(/g)].map((m) => m[1]));
  if (creators.size !== 1) throw new Error(`expected one createRequire in the CLI entry, found ${[...creators].join(', ') || 'none'}`);
  const [create] = creators;
  return `let __heraldRequire;${code.replaceAll(`${create}(import.meta.url)(`, `(__heraldRequire??=${create}(import.meta.url))(`)}`;
}

// The CLI reads its chunks as scripts (src/cli/chunk-loader.ts keeps a code cache made after the
// run): each chunk's `export const id=…;export const ids=…;export const modules=…` becomes the
// value of a strict function. A chunk that imports (a user's plugin) or reads import.meta stays
// an ES module.
function asScript(code) {
  if (/\bimport\s*\(|import\.meta/.test(code)) return undefined;
  const exported = /(^|;)export const (id|ids|modules)=/g;
  const names = [...code.matchAll(exported)].map((m) => m[2]).sort();
  if (names.join() !== 'id,ids,modules') throw new Error(`a chunk exports ${names.join(', ') || 'nothing'}, not id, ids and modules`);
  return `(function(){"use strict";${code.replace(exported, '$1const $2=')};return{id,ids,modules}})()`;
}

/**
 * The program's bundle as a script the front door runs through the code cache (an ES module's
 * functions would be compiled again on every start): a function of what a script lacks, the
 * module's URL, a require maker, and import() for the chunks that are ES modules; it returns the
 * entry module's promise (run.ts awaits at its top level).
 */
function programScript(code, entry) {
  const imports = [...code.matchAll(/\bimport\s*\{\s*createRequire as (\w+)\s*\}\s*from\s*"(?:node:)?module";/g)];
  if (imports.length !== 1) throw new Error(`${entry.src}: expected one import of createRequire in the bundle, found ${imports.length}`);
  code = code.replace(imports[0][0], '');
  const ending = /var (\w+)=__nccwpck_require__\((\d+)\);\1=await \1;\s*$/;
  if (!ending.test(code)) throw new Error(`${entry.src}: expected the bundle to end by awaiting its entry module`);
  code = code.replace(ending, (_, __, id) => `return __nccwpck_require__(${id});`);
  code = code.replace(/import\("\.\/"\+f\)/g, '__heraldImport("./"+f)').replaceAll('import.meta.url', '__heraldUrl');
  if (/import\.meta|\bimport\(|(^|;)\s*(import|export)\s*[{*\w]/.test(code)) throw new Error(`${entry.src}: the program bundle still imports or exports after it was made a script`);
  return `(function(${imports[0][1]},__heraldUrl,__heraldImport){"use strict";${code}})`;
}

// The chunk loader names a chunk's code cache by its content; hashing ~500 KB of chunks at every
// start cost ~7 ms, so the build writes each script chunk's hash on its last line.
const withContentHash = (script) => `${script}\n//# heraldChunkHash=${createHash('sha256').update(script).digest('hex').slice(0, 24)}\n`;

/**
 * Points webpack's chunk runtime at chunks/: ES module chunks (.mjs) through import(), and, when
 * there are script chunks (.js, the CLI's), those through the loader the entry installs.
 */
function pointAtChunks(code, entry, stem, moduleChunks, chunkCount) {
  // webpack names chunks "<id>.index.js" in one place of the runtime.
  const naming = /\.u=(\w+)=>""\+\1\+"\.index\.js"/g;
  const named = code.match(naming) ?? [];
  if (named.length !== 1) throw new Error(`${entry.src}: expected one chunk-name function in the bundle, found ${named.length}`);
  if (moduleChunks.length === chunkCount) return code.replace(naming, (_, v) => `.u=${v}=>"chunks/"+${v}+".${stem}.mjs"`);
  code = code.replace(naming, (_, v) => `.u=${v}=>"chunks/"+${v}+(${JSON.stringify(moduleChunks)}.includes(String(${v}))?".${stem}.mjs":".${stem}.js")`);
  const loading = /import\("\.\/"\+__nccwpck_require__\.u\((\w+)\)\)/g;
  const found = code.match(loading) ?? [];
  if (found.length !== 1) throw new Error(`${entry.src}: expected one chunk import in the runtime, found ${found.length}`);
  return code.replace(loading, (_, v) => `((f,l)=>f.endsWith(".js")&&l?l("./"+f):import("./"+f))(__nccwpck_require__.u(${v}),globalThis.__heraldLoadChunk)`);
}

// ncc lists an entry's packages, but with chunks it leaves some out of one entry's list (zod in the
// action's); so every list goes into one file for all of dist/, and each package is in it.
const licenses = [];
for (const entry of entries) {
  if (!existsSync(entry.src)) continue;
  const stem = entry.name.replace(/\.js$/, '');
  const outDir = join(work, entry.src.replace(/\W/g, '_'));
  execFileSync(process.execPath, [nccCli, 'build', entry.src, '-o', outDir, '-m', '--no-source-map-register', '-q', '--license', 'licenses.txt'], { stdio: 'inherit' });
  const chunks = readdirSync(outDir).filter((f) => /^\d+\.index\.js$/.test(f));
  let code = readFileSync(join(outDir, 'index.js'), 'utf8');
  // The CLI's costly builtins, wherever webpack put them (the entry or a chunk), are handed out lazily.
  const lazied = new Set();
  const lazy = (text) =>
    entry.cli
      ? text
          .replace(eagerBuiltin, (...match) => (lazied.add(match[3].replace(/^node:/, '')), lazyBuiltin(...match)))
          .replace(eagerBuiltinConst, (...match) => (lazied.add(match[4].replace(/^node:/, '')), lazyBuiltinConst(...match)))
      : text;
  code = lazy(code);
  if (code.startsWith('#!')) code = code.slice(code.indexOf('\n') + 1);
  if (entry.cli) code = sharedRequire(code);
  code = (entry.shebang ? '#!/usr/bin/env node\n' : '') + code;
  mkdirSync(entry.out, { recursive: true });
  const chunkDir = join(entry.out, 'chunks');
  if (entry.cli === 'door' && chunks.length) throw new Error(`${entry.src}: the front door must have no chunks (it shares dist/cli/chunks with the program), found ${chunks.join(', ')}`);
  if (existsSync(chunkDir) && entry.cli !== 'door') for (const f of readdirSync(chunkDir)) if (f.endsWith(`.${stem}.mjs`) || f.endsWith(`.${stem}.js`)) rmSync(join(chunkDir, f));
  if (chunks.length) mkdirSync(chunkDir, { recursive: true });
  // ncc minifies the entry only; its chunks are minified here (less to read and parse per start).
  // terser, not a plain minifier: webpack leaves a package's unused exports in the chunk as dead
  // code, and terser drops it (zod's chunk: 94 KB → 46 KB, fewer schemas built at load).
  // ascii_only: a chunk with one non-ASCII character is decoded into a two-byte string, twice the
  // memory, on the slow path of V8's UTF-8 decoder (~2 M instructions per start).
  const moduleChunks = [];
  for (const chunk of chunks) {
    const id = chunk.split('.')[0];
    const { code: minified } = await minify(readFileSync(join(outDir, chunk), 'utf8'), { module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false, ascii_only: true } });
    const text = lazy(minified);
    const script = entry.cli ? asScript(text) : undefined;
    if (script) writeFileSync(join(chunkDir, `${id}.${stem}.js`), withContentHash(script));
    else {
      writeFileSync(join(chunkDir, chunkName(id, stem)), text);
      moduleChunks.push(id);
    }
  }
  if (chunks.length) code = pointAtChunks(code, entry, stem, moduleChunks, chunks.length);
  for (const name of entry.lazy ?? []) {
    if (!lazied.has(name)) throw new Error(`${entry.src}: expected node:${name} handed out in the bundle, found none`);
  }
  const target = entry.cli === 'program' ? join(entry.out, 'run.js') : join(entry.out, entry.name);
  writeFileSync(target, entry.cli === 'program' ? withContentHash(programScript(code, entry)) : code);
  // (The CLI's front door uses no package: ncc writes no list for it.)
  if (existsSync(join(outDir, 'licenses.txt'))) licenses.push(`== ${target} and its chunks ==\n\n${readFileSync(join(outDir, 'licenses.txt'), 'utf8')}`);
  if (entry.shebang) chmodSync(target, 0o755);
}
rmSync(work, { recursive: true, force: true });
for (const entry of entries) rmSync(join(entry.out, entry.name.replace(/\.js$/, '.licenses.txt')), { force: true });
writeFileSync(join('dist', 'licenses.txt'), licenses.join('\n'));

// Type declarations for library users (`import { createHerald } from 'herald-notify'`).
rmSync(join('dist', 'lib', 'types'), { recursive: true, force: true });
execFileSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });

// What this dist/ was built from (hashed before building, so an edit made meanwhile leaves it
// stale), for build-if-stale.mjs to tell a current dist/ by content.
writeFileSync(join('dist', '.source-hash'), `${builtFrom}\n`);
