// The docs and examples, run as written (issue 11, "Make it stay true"). Every fenced block of
// README.md and docs/*.md and every file under examples/ is found afresh and either run here — or
// by the named test that runs it — or listed in NOT_RUN with the reason; anything new fails this
// test until it is one or the other. Services are loopback doubles (test/support/loopback.ts):
// configs go through `validate` and a `send` whose every enabled sink must deliver to them; shell
// blocks run with bash against the bundle in a copy of the checkout; the library block runs with
// node; workflow steps go through the action in-process (as the runner would expand them).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { baseEnv, CLI_BUNDLE, ROOT, jsonLines, runCli, tempDir, workspace } from '../support/cli.js';
import { ensureBundle } from '../support/bundle.js';
import { docBlocks, exampleFiles, type DocBlock } from '../support/doc-blocks.js';
import { bash, shellScript } from '../support/shell-blocks.js';
import { loopbackConfig, serviceUrlFor, startLoopback, valueFor, type Loopback } from '../support/loopback.js';
import { usrLine } from '../support/usr-log.js';
import { jsonl, runEnv } from '../action/fixtures.js';
import { InProcessJob } from '../action/in-process.js';

/** Blocks (by `file: first line`) and example files that are not run, and why. */
const NOT_RUN: Record<string, string> = {
  'README.md: sources ──► normalize ──► route ──► dedup ──► render ──► deliver ──► record': 'a diagram',
  'docs/sinks.md: <title>': "the email body's layout, not a command (test/sinks/email.test.ts checks it)",
  "docs/sinks.md: export default {": 'the plugin interface with placeholder bodies; examples/plugins/recorder.mjs is the runnable plugin, run here through examples/sinks/plugin.yml',
};

/** Lines of shell blocks that are not run, and why (the rest of the block still runs). */
const SHELL_NOT_RUN: { line: RegExp; reason: string }[] = [
  { line: /^npm ci\b/, reason: 'installs the dependencies this test already runs on' },
  { line: /^npm test\b/, reason: 'the whole suite, of which this test is part' },
  { line: /^node scripts\/test\.mjs\b/, reason: 'the suite runner, on one of its own files' },
  { line: /^npm run build\b/, reason: 'ensureBundle() builds dist/ before this test when a source changed' },
  { line: /^npm run bench\b/, reason: 'benchmarks take minutes; bench/ runs on its own' },
  { line: /^npm run typecheck\b/, reason: 'tsc over the project, run on its own' },
  { line: /^apt-get\b/, reason: 'installs system packages (root and the network)' },
];

/** Shell lines that exit non-zero by design: the doc's command exits with the job's status. */
const SHELL_STATUS: { line: RegExp; status: number; why: string }[] = [
  { line: /herald exec .*-- make test/, status: 2, why: "the copy's Makefile has a failing test; exec exits with make's status" },
  { line: /herald exec .*-- \.\/train\.sh/, status: 3, why: 'train.sh fails with status 3; exec exits with it' },
];

/** Job scripts are run by test/batch/recipes.test.ts under faked SGE/Slurm variables. */
const RECIPES = 'test/batch/recipes.test.ts';

const HERALD_STEP = /^<owner>\/herald@/;
const isConfig = (text: string) => /^notifications:/m.test(text);
const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/** What runs each block and file: a name for the accounting test. */
function runnerOf(block: DocBlock): string | undefined {
  if (NOT_RUN[block.key]) return undefined;
  if ((block.lang === 'sh' || block.lang === 'bash' || block.lang === 'shell') && block.text.trim()) return 'shell';
  if (block.lang === 'yaml' || block.lang === 'yml') {
    if (isConfig(block.text)) return 'config';
    if (actionSteps(parse(block.text)).length) return 'action step';
  }
  if (block.lang === 'ts' && /from 'herald-notify'/.test(block.text)) return 'library';
  return undefined;
}

function runnerOfExample(path: string): string | undefined {
  if (NOT_RUN[path]) return undefined;
  const text = readFileSync(join(ROOT, path), 'utf8');
  if (/\.ya?ml$/.test(path) && isConfig(text)) return 'config';
  if (path.startsWith('examples/workflows/') && /\.ya?ml$/.test(path)) return 'workflow';
  if (/\.(qsub|sbatch)$/.test(path)) return readFileSync(join(ROOT, RECIPES), 'utf8').includes(`'${basename(path)}'`) ? RECIPES : undefined;
  if (path === 'examples/batch/no-npm.sh') return 'job script';
  if (path.startsWith('examples/plugins/')) return exampleFiles().some((f) => f.endsWith('.yml') && readFileSync(join(ROOT, f), 'utf8').includes(basename(path))) ? 'config (its plugin)' : undefined;
  if (path === 'examples/usr/profile.json' || path === 'examples/usr/.events.log') return 'usr profile';
  return undefined;
}

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

/** Herald steps of a workflow, a list of steps, one step, or a `with:` fragment of one. */
function actionSteps(doc: unknown): Step[] {
  if (Array.isArray(doc)) return (doc as Step[]).filter((s) => s && typeof s.uses === 'string' && HERALD_STEP.test(s.uses));
  const d = doc as { jobs?: Record<string, { steps?: Step[] }>; with?: Record<string, unknown>; uses?: unknown } | null;
  if (d?.jobs) return Object.values(d.jobs).flatMap((j) => actionSteps(j.steps ?? []));
  if (d && d.with && d.uses === undefined) return [{ uses: '<owner>/herald@v1', with: d.with }];
  return [];
}

const blocks = docBlocks();
const examples = exampleFiles();

// One set of loopback services for the whole file, started by the first suite that needs it.
let loopback: Promise<Loopback> | undefined;
const sharedLoopback = () => (loopback ??= startLoopback());
after(async () => void (await (await loopback)?.close()));

describe('every doc block and example file runs, or says why not', () => {
  it('each is claimed by a runner or listed in NOT_RUN with a reason', () => {
    const unclaimed = [
      ...blocks.filter((b) => !runnerOf(b) && !NOT_RUN[b.key]).map((b) => `${b.file}:${b.line} (${b.lang || 'no language'}) "${b.key}"`),
      ...examples.filter((f) => !runnerOfExample(f) && !NOT_RUN[f]),
    ];
    assert.deepEqual(unclaimed, [], 'run these in test/docs/executable-docs.test.ts, or list them in NOT_RUN with the reason');
    const stale = Object.keys(NOT_RUN).filter((k) => !blocks.some((b) => b.key === k) && !examples.includes(k));
    assert.deepEqual(stale, [], 'NOT_RUN lists blocks or files that no longer exist');
    const unchecked = Object.keys(SHELL_CHECKS).filter((k) => !blocks.some((b) => b.key === k));
    assert.deepEqual(unchecked, [], 'SHELL_CHECKS names blocks whose first line changed: update the key');
  });
});

describe('docs and examples run against loopback services', { concurrency: 4 }, () => {
  let lb: Loopback;
  before(async () => {
    ensureBundle();
    lb = await sharedLoopback();
  });

  /** A copy of the checkout as a user has it: dist/, examples/ (services on loopback), package.json. */
  async function world(scope: string): Promise<{ dir: string; env: Record<string, string> }> {
    const dir = await tempDir(`herald-docs-${scope}-`);
    await symlink(join(ROOT, 'dist'), join(dir, 'dist'));
    await cp(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    await cp(join(ROOT, 'package.json'), join(dir, 'package.json'));
    const env: Record<string, string> = {};
    for (const f of examples.filter((p) => runnerOfExample(p) === 'config')) {
      const cfg = await loopbackConfig(readFileSync(join(ROOT, f), 'utf8'), lb, scope, join(dir, dirname(f)));
      await writeFile(join(dir, f), cfg.text);
      Object.assign(env, cfg.env);
    }
    await writeFile(join(dir, 'herald.yml'), await readFile(join(dir, 'examples', 'herald.yml'), 'utf8'));
    await writeFile(join(dir, 'Makefile'), 'test:\n\t@echo "FAIL test_widgets: 1 of 12 tests failed" >&2; exit 1\n');
    await writeFile(join(dir, 'train.sh'), '#!/bin/bash\necho "epoch 1/$2"\necho "CUDA out of memory" >&2\nexit 3\n');
    await chmod(join(dir, 'train.sh'), 0o755);
    return { dir, env };
  }

  const configs: { name: string; text: string; dir: string }[] = [
    ...examples.filter((f) => runnerOfExample(f) === 'config').map((f) => ({ name: f, text: readFileSync(join(ROOT, f), 'utf8'), dir: dirname(f) })),
    ...blocks.filter((b) => runnerOf(b) === 'config').map((b) => ({ name: `${b.file}:${b.line}`, text: b.text, dir: `doc-configs/${slug(`${b.file}-${b.line}`)}` })),
  ];

  for (const c of configs) {
    it(`${c.name}: validates, and a send reaches every enabled sink`, async () => {
      const scope = slug(c.name);
      const { dir, env } = await world(scope);
      const cfg = await loopbackConfig(c.text, lb, scope, join(dir, c.dir));
      const path = join(dir, c.dir, basename(c.name).endsWith('.yml') ? basename(c.name) : 'herald.yml');
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, cfg.text);
      const run = (args: string[]) => runCli([...args, '--config', path, '--state-dir', join(dir, 'state')], { cwd: dir, env: { ...env, ...cfg.env } });
      const validated = await run(['validate']);
      assert.equal(validated.code, 0, `validate: ${validated.stdout}${validated.stderr}`);
      const mailsBefore = lb.smtp.mails.length;
      const sent = await run(['send', '--json', '--event', 'post_task', '--outcome', 'failed', '--task-id', `docs-${scope}`, '--title', `Docs check: ${c.name}`, '--label', 'team=platform', '--label', 'status=failure']);
      assert.equal(sent.code, 0, sent.stderr);
      const outcomes = jsonLines(sent.stdout) as { sink_id: string; outcome: string; error?: string }[];
      for (const sink of cfg.sinks) {
        const outcome = outcomes.find((o) => o.sink_id === sink.id);
        assert.ok(outcome, `${sink.id}: no outcome in ${sent.stdout}`);
        const filtered = outcome.outcome === 'filtered';
        if (filtered) {
          // Filters are the doc's to choose; the sink must still deliver what it takes.
          const tested = await run(['test', '--sink', sink.id]);
          assert.equal(tested.code, 0, `${sink.id}: herald test: ${tested.stdout}${tested.stderr}`);
        } else {
          assert.equal(outcome.outcome, 'delivered', `${sink.id}: ${outcome.error ?? ''}`);
        }
        const arrived = lb.requestsFor(scope).filter((r) => r.path.startsWith(`/sink/${scope}/${sink.id}/`) || r.path === `/sink/${scope}/${sink.id}` || sink.vars.some((v) => r.path.startsWith(`/env/${scope}/${v}`)));
        if (sink.kind === 'email' || sink.kind === 'email_smtp') {
          const mails = lb.smtp.mails.slice(mailsBefore).filter((m) => m.raw.includes(`task_id: docs-${scope}`) || (filtered && /kind: synthetic/.test(m.raw)));
          assert.ok(mails.length, `${sink.id}: no mail arrived`);
        }
        else if (sink.kind === 'shell') assert.match(await readFile(join(dir, c.dir, 'shell-received.jsonl'), 'utf8'), new RegExp(`"sink":"${sink.id}"`));
        else if (!['console', 'file', 'plugin'].includes(sink.kind) && !(await isPluginKind(path, sink.kind)))
          assert.ok(arrived.length, `${sink.id} (${sink.kind}): nothing arrived at the loopback service; if the kind has a built-in service URL, add its key to BASE_URL_KEYS in test/support/loopback.ts`);
      }
    });
  }

  async function isPluginKind(configPath: string, kind: string): Promise<boolean> {
    return /plugins:/.test(await readFile(configPath, 'utf8')) && !['webhook', 'slack', 'discord', 'telegram', 'email', 'email_smtp', 'pagerduty', 'jira', 'shell', 'usr_webhook'].includes(kind);
  }

  for (const block of blocks.filter((b) => runnerOf(b) === 'shell')) {
    it(`${block.file}:${block.line} (shell): each command exits as the doc says, and messages arrive`, async (t) => {
      const scope = slug(`${block.file}-${block.line}`);
      const { dir, env } = await world(scope);
      const script = shellScript(block, lb, scope, SHELL_NOT_RUN);
      if (script.needsRedis && !lb.redis) return t.skip('redis-server not installed (see docs/batch.md, Tests)');
      if (!script.runs) return t.skip(`every line is listed in SHELL_NOT_RUN: ${script.skipped.join('; ')}`);
      const before = { http: lb.requestsFor(scope).length, mails: lb.smtp.mails.length };
      const statusFile = join(dir, '.statuses');
      const r = await bash(script.text, dir, { ...env, HERALD_TEST_BUNDLE: CLI_BUNDLE, STATUS_FILE: statusFile });
      const statuses = existsSync(statusFile) ? (await readFile(statusFile, 'utf8')).trim().split('\n').filter(Boolean) : [];
      assert.equal(statuses.length, script.commands.length, `every command ran:\n${r.out}`);
      for (const [i, command] of script.commands.entries()) {
        const expected = SHELL_STATUS.find((s) => s.line.test(command))?.status ?? 0;
        const status = Number(statuses[i]!.split(' ')[1]);
        assert.equal(status, expected, `\`${command}\` exited ${status}, expected ${expected}:\n${r.out}`);
      }
      const check = SHELL_CHECKS[block.key];
      if (check) await check({ dir, out: r.out, lb, scope });
      else if (script.commands.some((c) => /herald (send|exec|test)\b/.test(c)))
        assert.ok(lb.requestsFor(scope).length > before.http || lb.smtp.mails.length > before.mails, `nothing arrived:\n${r.out}`);
    });
  }

  it('README.md (ts): the library example delivers', async () => {
    const [block] = blocks.filter((b) => runnerOf(b) === 'library');
    assert.ok(block);
    const scope = 'library';
    const { dir, env } = await world(scope);
    await mkdir(join(dir, 'node_modules'), { recursive: true });
    await symlink(ROOT, join(dir, 'node_modules', 'herald-notify'));
    await writeFile(join(dir, 'example.mjs'), `${block.text}\nconsole.log(JSON.stringify(outcomes));\n`);
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['example.mjs'], { cwd: dir, env: baseEnv(env) });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => resolve({ code, out }));
    });
    assert.equal(r.code, 0, r.out);
    const outcomes = JSON.parse(r.out.trim().split('\n').pop()!) as { outcome: string }[];
    assert.ok(outcomes.some((o) => o.outcome === 'delivered'), r.out);
    assert.ok(lb.requestsFor(scope).length > 0 || lb.smtp.mails.some((m) => m.raw.includes('Training failed')), 'nothing arrived');
  });

  it('examples/batch/no-npm.sh copies the CLI folder from a checkout and runs it', async () => {
    const { dir } = await world('no-npm');
    const dest = join(dir, 'opt', 'herald');
    const r = await bash(readFileSync(join(ROOT, 'examples', 'batch', 'no-npm.sh'), 'utf8'), dir, {}, [dest]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`^${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version.replace(/\./g, '\\.')}$`, 'm'));
    assert.match(r.out, /in job scripts: HERALD="node .*opt\/herald\/index\.js"/);
  });

  // The profile's provider is slack, which takes only hooks.slack.com URLs: rendered, not sent.
  it('examples/usr/profile.json with examples/usr/.events.log: a watch dry run renders the health events the profile selects', async () => {
    const { dir } = await world('profile');
    const r = await runCli(['watch', '--profile', 'examples/usr/profile.json', '--dry-run'], { cwd: dir, env: { NOTIFY_WEBHOOK: 'https://hooks.slack.com/services/T000/B000/XXXX' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /DenseGen started \| run=4412907\.0/);
    assert.match(r.stdout, /DenseGen progress \| run=4412907\.0/);
    assert.doesNotMatch(r.stdout, /import_rows on/, 'only_actions leaves import_rows out');
  });
});

describe('workflows and docs/action.md steps run through the action', () => {
  const workflowDir = join(ROOT, 'examples', 'workflows');
  const cases: { name: string; steps: Step[] }[] = [
    ...examples.filter((f) => runnerOfExample(f) === 'workflow').map((f) => ({ name: f, steps: actionSteps(parse(readFileSync(join(ROOT, f), 'utf8'))) })),
    ...blocks.filter((b) => runnerOf(b) === 'action step').map((b) => ({ name: `${b.file}:${b.line}`, steps: actionSteps(parse(b.text)) })),
  ];
  let lb: Loopback;
  before(async () => (lb = await sharedLoopback()));

  it('every example workflow has a Herald step, and each names the config where docs/action.md says to commit it', () => {
    for (const c of cases.filter((x) => x.name.startsWith('examples/'))) {
      assert.ok(c.steps.length, `${c.name} has no Herald step`);
      for (const step of c.steps) if (step.with?.config !== undefined) assert.equal(step.with.config, '.github/herald.yml', c.name);
    }
    assert.match(readFileSync(join(ROOT, 'docs', 'action.md'), 'utf8'), /Commit a config as `\.github\/herald\.yml`[\s\S]*config: \.github\/herald\.yml/);
  });

  for (const c of cases) {
    it(`${c.name}: its Herald steps notify (or, in a dry run, render)`, async () => {
      const scope = slug(c.name);
      const secrets = (name: string) => valueFor(name, lb, scope);
      const dir = await workspace({
        '.github/herald.yml': readFileSync(join(workflowDir, 'herald.yml'), 'utf8'),
        'herald-events/herald-events-1/events.jsonl': jsonl({ kind: 'post_task', event_id: `shard-${scope}`, title: 'Nightly shard 1: failure', outcome: 'failure' }),
        'usr/run-1/.events.log': usrLine({ action: 'densegen_flush_failed' }),
      });
      const job = await InProcessJob.start(dir, runEnv());
      for (const [i, step] of c.steps.entries()) {
        const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v, secrets)]));
        const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, secrets)]));
        // Telegram's inline target posts to api.telegram.org (no base-URL input): rendered only.
        if (inputs['webhook-type'] === 'telegram') inputs['dry-run'] = 'true';
        // webhook-type: url takes a service URL: the secret named in the step holds one on the loopback.
        const secretName = /secrets\.([A-Z_][A-Z0-9_]*)/.exec(String(step.with?.webhook ?? ''))?.[1];
        if (inputs['webhook-type'] === 'url' && secretName) inputs.webhook = serviceUrlFor(secretName, lb, scope);
        const before = lb.requestsFor(scope).length;
        const record = await job.main({ inputs, env: { ...env, GITHUB_ACTION: `step-${i}` } });
        assert.equal(record.failed, undefined, `${c.name}: ${record.text}`);
        if (inputs['dry-run'] === 'true') {
          assert.match(record.summary, /## Herald dry run[\s\S]*### (team-webhook|telegram)/);
          assert.equal(lb.requestsFor(scope).length, before);
        } else {
          assert.ok(Number(record.outputs.delivered) >= 1, `${c.name}: ${record.summary}`);
          assert.ok(lb.requestsFor(scope).length > before, `${c.name}: nothing arrived`);
        }
      }
    });
  }
});

/** The `${{ … }}` expressions the examples use, as a runner would expand them in a failed job. */
function expand(value: unknown, secrets: (name: string) => string): string {
  return String(value).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'job.status') return 'failure';
    if (expr === 'github.token') return 'ghs_exampletoken0000';
    if (expr === 'toJSON(matrix)') return '{"os":"linux"}';
    const ref = /^(secrets|vars)\.([A-Z_][A-Z0-9_]*)$/.exec(expr);
    if (ref) return secrets(ref[2]!);
    throw new Error(`expression not handled by this test: ${expr}`);
  });
}

/** What must have arrived after particular blocks, beyond their exit statuses. */
const SHELL_CHECKS: Record<string, (r: { dir: string; out: string; lb: Loopback; scope: string }) => Promise<void>> = {
  // npm start: the built-in default prints the event and appends it to .herald/events.jsonl.
  'README.md: npm start                  # a failed-job event through the built-in console and file sinks': async ({ dir, out }) => {
    assert.match(out, /ERROR post_task \[nightly-build\] Nightly build failed/);
    assert.match(await readFile(join(dir, '.herald', 'events.jsonl'), 'utf8'), /"task_id": ?"nightly-build"/);
  },
  // The quick start: Slack hears the test event, the send and the failed `make test`; the watch
  // dry run renders the example USR log's start and failure.
  'README.md: alias herald="node $PWD/dist/cli/index.js"     # absolute: keeps working after a cd': async ({ out, lb, scope }) => {
    const slack = lb.requestsFor(scope).filter((r) => r.path.includes('/services/')).map((r) => String((r.json as { text?: string }).text));
    assert.ok(slack.some((t) => /Nightly build failed/.test(t)), `Slack got: ${slack.join(' | ')}`);
    assert.ok(slack.some((t) => /Failed: /.test(t) && /make test/.test(t)), `Slack got the failed make test: ${slack.join(' | ')}`);
    assert.ok(slack.length >= 3, 'herald test, send and exec each reached Slack');
    assert.match(out, /STARTED \\u2014 densegen\/4412907\.0/, 'the watch dry run rendered the example log');
  },
  'docs/batch.md: herald exec --config herald.yml --tail-lines 20 -- ./train.sh --epochs 10': async ({ lb, scope }) => {
    const posts = lb.requestsFor(scope).map((r) => r.body).filter((b) => /post_task/.test(b) && /CUDA out of memory/.test(b));
    assert.ok(posts.length, 'a post_task with the stderr tail arrived');
  },
  'docs/batch.md: herald state export --state-dir .herald/state --file state.json       # dir → file': async ({ dir }) => {
    for (const f of ['state.json', 'back.json']) assert.doesNotThrow(() => JSON.parse(readFileSync(join(dir, f), 'utf8')), f);
  },
};
