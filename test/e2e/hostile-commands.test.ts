// Every delivering command against endpoints that misbehave on purpose (issue 12, "Make it stay
// true"): a 500 with a 1 GB body, a body trickled a byte every 0.5 s, a server that never answers,
// a redirect to itself forever. send, exec, test, dlq replay, watch and spool drain each end on
// their own — bounded by their timeout settings, as the outcome they print says — and the peak RSS
// of each process (GNU time's "Maximum resident set size") stays under 200 MB. Runs the bundle,
// as users do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI_BUNDLE, baseEnv, workspace } from '../support/cli.js';
import { ensureBundle } from '../support/bundle.js';
import { HOSTILE_KINDS, startHostile, type HostileKind } from '../support/hostile-http.js';
import { usrLine } from '../support/usr-log.js';

const TIME = '/usr/bin/time';
const RSS_LIMIT_KB = 200 * 1024;
/** Only a guard against a hang failing the whole suite; the assertions never look at time. */
const GUARD_MS = 180_000;

/** What the outcome must say for each kind of misbehaviour. */
const SAYS: Record<HostileKind, RegExp> = {
  'huge-body': /\b500\b/,
  trickle: /timeout|timed out/i,
  'never-answers': /timeout|timed out/i,
  'endless-redirects': /redirect/i,
};

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  maxRssKb: number;
}

function runMeasured(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-v', process.execPath, CLI_BUNDLE, ...args], { cwd, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), GUARD_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(output);
      const exit = /Exit status: (\d+)/.exec(output);
      // GNU time exits with the command's status; "Command terminated by signal" when it was killed.
      const killed = /Command terminated by signal (\d+)/.exec(output);
      resolve({ code: killed ? null : exit ? Number(exit[1]) : code, signal: killed ? 'SIGKILL' : signal, output, maxRssKb: rss ? Number(rss[1]) : Number.NaN });
    });
  });
}

const CONFIG = `notifications:
  retry: {max_attempts: 1}
  sinks:
    - id: hook
      kind: webhook
      url: \${HOSTILE_URL}/hook
      timeout_s: 2
`;

test('GNU time is available to measure peak RSS', () => {
  assert.ok(existsSync(TIME), `${TIME} is needed (apt-get install time)`);
});

for (const kind of HOSTILE_KINDS) {
  test(`${kind}: send, test, exec, dlq replay, watch and spool drain each end within their timeouts and under 200 MB`, async (t) => {
    ensureBundle();
    const server = await startHostile(kind);
    t.after(() => server.close());
    const dir = await workspace({ 'herald.yml': CONFIG, 'ev.log': usrLine({ action: 'init' }) + usrLine({ action: 'materialize' }) });
    // dnadesign's rule: a spool folder others can read is refused.
    await mkdir(join(dir, 'spool'), { mode: 0o700 });
    const env = { HOSTILE_URL: server.url, HOSTILE_HOOK: `${server.url}/profile` };
    const profileFlags = ['--provider', 'generic', '--url-env', 'HOSTILE_HOOK', '--connect-timeout', '1', '--read-timeout', '1', '--retry-max', '0', '--spool-dir', 'spool'];
    const steps: [string, string[]][] = [
      ['send', ['send', '--title', `hostile ${kind}`]],
      ['test', ['test', '--sink', 'hook']],
      ['exec', ['exec', '--', 'true']],
      ['dlq replay', ['dlq', 'replay']],
      ['watch', ['watch', '--events', 'ev.log', ...profileFlags]],
      ['spool drain', ['spool', 'drain', ...profileFlags]],
    ];
    const report: string[] = [];
    for (const [name, args] of steps) {
      if (name === 'spool drain') assert.ok((await readdir(join(dir, 'spool'))).length > 0, 'watch spooled what it could not send');
      const run = await runMeasured(args, dir, env);
      report.push(`${name}: exit ${run.code}, ${Math.round(run.maxRssKb / 1024)} MB`);
      const shown = `${name} (${kind}):\n${run.output.slice(0, 3000)}`;
      assert.equal(run.signal, null, `ended on its own; ${shown}`);
      assert.notEqual(run.code, null, shown);
      assert.match(run.output, SAYS[kind], shown);
      assert.doesNotMatch(run.output, /unexpected failure|ERR_STRING_TOO_LONG|heap out of memory/i, shown);
      assert.ok(run.maxRssKb < RSS_LIMIT_KB, `peak RSS ${run.maxRssKb} kB; ${shown}`);
    }
    t.diagnostic(report.join('; '));
    assert.ok(server.requests() >= steps.length, `${server.requests()} requests reached the server`);
    if (kind === 'huge-body') assert.ok(server.sentBytes() < 512 * 1024 * 1024, `the server handed over ${server.sentBytes()} bytes of its 1 GB bodies`);
  });
}
