// Runs corpus-style cases in worker processes (worker.ts runs each in-process, one after another)
// and returns their results; cases in one share run in order, so a share can be a sequence of
// steps on one workspace.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusCase } from './case.js';
import type { CaseResult } from './worker.js';
import { ROOT, TSX_LOADER, tempDir } from '../support/cli.js';

export async function runCases(cases: CorpusCase[], workers: number): Promise<CaseResult[]> {
  const dir = await tempDir('herald-corpus-run-');
  const shares = Array.from({ length: workers }, (_, n) => cases.filter((_, i) => i % workers === n));
  return (await Promise.all(shares.map((share, n) => runShare(share, dir, n)))).flat();
}

/** One worker running `cases` in order. */
export async function runShare(cases: CorpusCase[], dir: string, n: number): Promise<CaseResult[]> {
  const input = join(dir, `cases-${n}.json`);
  const output = join(dir, `results-${n}.json`);
  await writeFile(input, JSON.stringify(cases));
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'test', 'corpus', 'worker.ts'), input, output], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  try {
    return JSON.parse(await readFile(output, 'utf8')) as CaseResult[];
  } catch {
    throw new Error(`corpus worker ${n} wrote no results; its stderr:\n${stderr.slice(-4000)}`);
  }
}

