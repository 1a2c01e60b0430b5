// Runs corpus cases one after another in this process (the CLI through its entry function, the
// action through runMain) and writes what each printed, its exit status and any state file line
// that does not parse. Usage: worker.ts <cases.json> <results.json>
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentBytes, layOut, type CorpusCase } from './case.js';
import { runInProcess } from '../support/in-process-cli.js';
import { tempDir } from '../support/cli.js';
import { InProcessJob } from '../action/in-process.js';

export interface CaseResult {
  name: string;
  code: number;
  output: string;
  /** "file:line" of every .jsonl line in the workspace that is not JSON. */
  tornLines: string[];
  workspace: string;
  /** The action's RUNNER_TEMP (results file, state copies), when the case ran the action. */
  runnerTemp?: string;
}

async function jsonlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && /\.jsonl(\.|$)/.test(e.name)).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

async function tornLines(dir: string): Promise<string[]> {
  const torn: string[] = [];
  // What Herald wrote lives under .herald/ (state, dead letters, audit, the default events file);
  // the case's own input files may be broken on purpose.
  for (const file of await jsonlFiles(join(dir, '.herald'))) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        JSON.parse(line);
      } catch {
        torn.push(`${file}:${i + 1}`);
      }
    });
  }
  return torn;
}

export async function runCase(c: CorpusCase): Promise<CaseResult> {
  const ws = c.workspace ?? (await tempDir('herald-corpus-'));
  await layOut(ws, c.files);
  // A case may plant a torn line on purpose; only lines Herald tore count against it.
  const planted = new Set(await tornLines(ws));
  const torn = async () => (await tornLines(ws)).filter((line) => !planted.has(line));
  if (c.action) {
    const job = await InProcessJob.start(ws, { ...c.env });
    const saved = process.cwd();
    try {
      const record = await job.main({ inputs: c.action.inputs });
      // Everything the step leaves for a reader: log, summary, outputs, the post step's log.
      let output = `${record.text}\n${JSON.stringify(record.outputs)}\n${JSON.stringify(record.exported)}`;
      if (c.action.post) {
        const post = await job.post(record, { inputs: c.action.inputs });
        output += `\n${post.log.filter((e) => e.type !== 'mask').map((e) => e.message).join('\n')}\n${post.summary}`;
      }
      return { name: c.name, code: record.failed ? 1 : 0, output, tornLines: await torn(), workspace: ws, runnerTemp: job.runnerTemp };
    } catch (error) {
      return { name: c.name, code: 99, output: `ESCAPED runMain(): ${(error as Error).stack}`, tornLines: [], workspace: ws };
    } finally {
      process.chdir(saved);
    }
  }
  const result = await runInProcess(c.args ?? [], { cwd: ws, env: { HOME: ws, ...c.env }, input: c.stdin === undefined ? undefined : contentBytes(c.stdin) });
  return { name: c.name, code: result.code ?? -1, output: result.stdout + result.stderr, tornLines: await torn(), workspace: ws };
}

const [casesPath, resultsPath] = process.argv.slice(2);
if (casesPath && resultsPath) {
  const cases = JSON.parse(await readFile(casesPath, 'utf8')) as CorpusCase[];
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(c));
  await writeFile(resultsPath, JSON.stringify(results));
  // Keep-alive handles a hostile case left behind must not hold the worker open.
  process.exit(0);
}
