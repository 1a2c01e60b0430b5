// A doc's shell block as a bash script that runs each command and records its exit status, with
// the services it names on the loopback (test/docs/executable-docs.test.ts).
import { spawn } from 'node:child_process';
import { baseEnv } from './cli.js';
import type { DocBlock } from './doc-blocks.js';
import type { Loopback } from './loopback.js';

export interface ShellScript {
  text: string;
  /** The commands run, in order (one status line each). */
  commands: string[];
  skipped: string[];
  runs: boolean;
  needsRedis: boolean;
}

/**
 * A block as a bash script: `herald` is the bundle (unless the block aliases it itself), service
 * URLs point at the loopback receiver, Redis URLs at the test's Redis; after each command its
 * status is appended to $STATUS_FILE.
 */
export function shellScript(block: DocBlock, lb: Loopback, scope: string, notRun: readonly { line: RegExp; reason: string }[]): ShellScript {
  const out = ['shopt -s expand_aliases', 'herald() { node "$HERALD_TEST_BUNDLE" "$@"; }'];
  const commands: string[] = [];
  const skipped: string[] = [];
  let needsRedis = false;
  const lines = block.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++i]!.trim()}`;
    const command = line.trim();
    if (!command || command.startsWith('#')) continue;
    const skip = notRun.find((s) => s.line.test(command));
    if (skip) {
      skipped.push(`${command.split(/\s+#/)[0]} (${skip.reason})`);
      continue;
    }
    let run = command.replace(/redis:\/\/host:\d+/g, () => ((needsRedis = true), lb.redisUrl));
    run = run.replace(/https?:\/\/[^\s"']+/g, (url) => url.replace(/^https?:\/\/[^/\s]+/, `${lb.http.url}/sink/${scope}/shell`));
    commands.push(command);
    out.push(run, `echo "${commands.length} $?" >> "$STATUS_FILE"`);
  }
  return { text: out.join('\n') + '\n', commands, skipped, runs: commands.length > 0, needsRedis };
}

export function bash(script: string, cwd: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-s', '--', ...args], { cwd, env: baseEnv({ ...env, PWD: cwd }) });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(script);
  });
}
