// The action's docs and example workflows, run as written: every Herald step of
// examples/workflows/*.yml and of the YAML blocks in docs/action.md goes through runMain with
// the config where the docs say to commit it (.github/herald.yml) and its secrets pointing at a
// loopback receiver, and a message must arrive (a dry run must render instead). A block that is
// only a fragment of a step (no `uses:`) is skipped.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, workspace } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { usrLine } from '../support/usr-log.js';
import { jsonl, runEnv } from './fixtures.js';
import { InProcessJob } from './in-process.js';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

const HERALD = /^<owner>\/herald@/;

function heraldSteps(doc: unknown): Step[] {
  if (Array.isArray(doc)) return (doc as Step[]).filter((s) => s && typeof s.uses === 'string' && HERALD.test(s.uses));
  const jobs = (doc as { jobs?: Record<string, { steps?: Step[] }> } | null)?.jobs;
  return jobs ? Object.values(jobs).flatMap((j) => heraldSteps(j.steps ?? [])) : [];
}

/** The `${{ … }}` expressions the examples use, as a runner would expand them in a failed job. */
function expand(value: unknown, secrets: Record<string, string>): string {
  return String(value).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'job.status') return 'failure';
    if (expr === 'github.token') return 'ghs_exampletoken0000';
    const ref = /^(secrets|vars)\.([A-Z_][A-Z0-9_]*)$/.exec(expr);
    if (ref) return secrets[ref[2]!] ?? '';
    throw new Error(`expression not handled by this test: ${expr}`);
  });
}

const workflowDir = join(ROOT, 'examples', 'workflows');
const cases: { name: string; steps: Step[] }[] = [
  ...readdirSync(workflowDir)
    .filter((f) => f.endsWith('.yml') && f !== 'herald.yml')
    .map((f) => ({ name: `examples/workflows/${f}`, steps: heraldSteps(parse(readFileSync(join(workflowDir, f), 'utf8'))) })),
  ...[...readFileSync(join(ROOT, 'docs', 'action.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m, i) => ({ name: `docs/action.md yaml block ${i + 1}`, steps: heraldSteps(parse(m[1]!)) }))
    .filter((c) => c.steps.length),
];

describe('action docs and examples run as written', () => {
  let receiver: Receiver;
  before(async () => (receiver = await startReceiver()));
  after(() => receiver.close());

  it('every example workflow has a Herald step, and each names the config where the docs say to commit it', () => {
    for (const c of cases.filter((x) => x.name.startsWith('examples/'))) {
      assert.ok(c.steps.length, `${c.name} has no Herald step`);
      for (const step of c.steps) if (step.with?.config !== undefined) assert.equal(step.with.config, '.github/herald.yml', c.name);
    }
    assert.match(readFileSync(join(ROOT, 'docs', 'action.md'), 'utf8'), /config: \.github\/herald\.yml/);
  });

  for (const c of cases) {
    it(`${c.name}: its Herald steps notify (or, in a dry run, render)`, async () => {
      const secrets = { TEAM_WEBHOOK_URL: `${receiver.url}/team`, SLACK_WEBHOOK_URL: `${receiver.url}/services/T1/B1/example`, TELEGRAM_BOT_TOKEN: '' };
      const dir = await workspace({
        '.github/herald.yml': readFileSync(join(workflowDir, 'herald.yml'), 'utf8'),
        'herald-events/herald-events-1/events.jsonl': jsonl({ kind: 'post_task', event_id: `shard-${c.name}`, title: 'Nightly shard 1: failure', outcome: 'failure' }),
        'usr/run-1/.events.log': usrLine({ action: 'densegen_flush_failed' }),
      });
      const job = await InProcessJob.start(dir, runEnv());
      for (const [i, step] of c.steps.entries()) {
        const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v, secrets)]));
        const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, secrets)]));
        const before = receiver.requests.length;
        const record = await job.main({ inputs, env: { ...env, GITHUB_ACTION: `step-${i}` } });
        assert.equal(record.failed, undefined, `${c.name}: ${record.text}`);
        if (inputs['dry-run'] === 'true') {
          assert.match(record.summary, /## Herald dry run[\s\S]*### team-webhook/);
          assert.equal(receiver.requests.length, before);
        } else {
          assert.ok(Number(record.outputs.delivered) >= 1, `${c.name}: ${record.summary}`);
          assert.ok(receiver.requests.length > before, `${c.name}: nothing arrived`);
        }
      }
    });
  }
});
