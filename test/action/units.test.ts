// The action's pure parts, with doubles injected through the ports (no bundle, no runner).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectEventsFileType } from '../../src/action/events-file.js';
import { matrixHash, readGitHubRun, stepEvent } from '../../src/action/github-context.js';
import { readInputs } from '../../src/action/inputs.js';
import { ActionsCacheState, cacheLayout, type CachePort } from '../../src/state/actions-cache.js';
import { listStateKeys } from '../../src/state/actions-cache-list.js';
import { emptySnapshot } from '../../src/state/merge.js';
import { cell, fitSummary } from '../../src/action/summary.js';
import { boundedResults, RESULTS_OUTPUT_MAX_BYTES } from '../../src/action/results.js';
import { inlineConfigYaml } from '../../src/action/inline-target.js';
import { pullRequestOf } from '../../src/action/pull-request.js';

const silent = { info() {}, warn() {}, error() {}, debug() {} };

function fakeCore(inputs: Record<string, string>) {
  const get = (name: string) => (inputs[name] ?? '').trim();
  return {
    getInput: get,
    getBooleanInput: (name: string) => {
      const v = get(name);
      if (['true', 'True', 'TRUE'].includes(v)) return true;
      if (['false', 'False', 'FALSE'].includes(v)) return false;
      throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}`);
    },
    getMultilineInput: (name: string) => get(name).split('\n').map((l) => l.trim()).filter(Boolean),
    setSecret: () => undefined,
  };
}

describe('action units', () => {
  it('USR records are told from Herald events by event_version and action', () => {
    assert.equal(detectEventsFileType('{"event_version":1,"action":"write"}\n'), 'usr');
    assert.equal(detectEventsFileType('{"kind":"post_task"}\n'), 'herald');
    assert.equal(detectEventsFileType('[{"kind":"post_task"}]'), 'herald');
  });

  it('the step event id is stable per run, attempt, job, matrix cell and kind', () => {
    const inputs = readInputs(fakeCore({ status: 'failure', matrix: '{"os":"linux"}' }));
    const env = { GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'test' };
    const a = stepEvent(inputs, readGitHubRun(env), 1000);
    const b = stepEvent(inputs, readGitHubRun(env), 2000);
    assert.equal(a.event_id, b.event_id);
    assert.notEqual(stepEvent(inputs, readGitHubRun({ ...env, GITHUB_RUN_ATTEMPT: '2' }), 1000).event_id, a.event_id);
    assert.notEqual(stepEvent({ ...inputs, matrix: { os: 'mac' } }, readGitHubRun(env), 1000).event_id, a.event_id);
    assert.equal(a.severity, 'error');
    assert.equal(matrixHash({ b: 1, a: 2 }), matrixHash({ a: 2, b: 1 }));
  });

  it('the step event id differs per step (GITHUB_ACTION) and per status, and is stable when the step is retried', () => {
    const env = { GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'test', GITHUB_ACTION: 'notify' };
    const id = (status: string, extra: Record<string, string> = {}) => stepEvent(readInputs(fakeCore({ status })), readGitHubRun({ ...env, ...extra }), 1000).event_id;
    assert.equal(id('failure'), id('failure'));
    assert.notEqual(id('started'), id('failure'));
    assert.notEqual(id('failure', { GITHUB_ACTION: 'notify_2' }), id('failure'));
    assert.equal(id('Failure'), id('failure'));
  });

  it('inputs: labels are key=value lines, sinks split on commas, a bad state is named', () => {
    const inputs = readInputs(fakeCore({ labels: 'team=platform\nenv=prod', sinks: 'a, b\nc', 'dry-run': 'TRUE' }));
    assert.deepEqual(inputs.labels, { team: 'platform', env: 'prod' });
    assert.deepEqual(inputs.sinks, ['a', 'b', 'c']);
    assert.equal(inputs.dryRun, true);
    assert.equal(inputs.state, 'actions-cache');
    assert.throws(() => readInputs(fakeCore({ state: 's3' })), /input 'state' must be one of/);
    assert.throws(() => readInputs(fakeCore({ 'state-key': 'a,b' })), /state-key/);
  });

  it('a save the cache refuses (-1) or that throws is reported, never thrown', async () => {
    const home = await mkdtemp(join(tmpdir(), 'herald-units-'));
    const layout = cacheLayout(join(home, 'temp'), home);
    const refusing: CachePort = { isFeatureAvailable: () => true, restoreCache: async () => undefined, saveCache: async () => -1 };
    const report = await new ActionsCacheState(refusing, layout, silent).save(emptySnapshot(), 'k');
    assert.equal(report.saved, false);
    const throwing: CachePort = { ...refusing, saveCache: async () => { throw new Error('Key Validation Error'); } };
    assert.deepEqual(await new ActionsCacheState(throwing, layout, silent).save(emptySnapshot(), 'k'), { saved: false, key: 'k', reason: 'Key Validation Error' });
    let paths: string[] = [];
    const ok: CachePort = { ...refusing, saveCache: async (p) => ((paths = p), 12) };
    assert.equal((await new ActionsCacheState(ok, layout, silent).save(emptySnapshot(), 'k')).saved, true);
    assert.deepEqual(paths, ['~/.herald/actions-cache-transfer']);
  });

  it('listing keeps siblings of the newest entry, newest first', async () => {
    const caches = [
      { key: 'herald-state-x-1-1-a', ref: 'refs/heads/main', created_at: '2026-01-01T10:00:00Z' },
      { key: 'herald-state-x-2-1-a', ref: 'refs/heads/main', created_at: '2026-01-02T10:00:00Z' },
      { key: 'herald-state-x-2-1-b', ref: 'refs/heads/main', created_at: '2026-01-02T10:01:00Z' },
      { key: 'herald-state-xy-2-1-a', ref: 'refs/heads/main', created_at: '2026-01-02T10:02:00Z' },
    ];
    const fakeFetch = (async () => new Response(JSON.stringify({ actions_caches: caches }), { status: 200 })) as unknown as typeof fetch;
    const keys = await listStateKeys({ fetch: fakeFetch, apiUrl: 'https://api.github.com', repository: 'o/r', token: 't', prefix: 'herald-state-x-', siblingWindowMs: 3600_000, limit: 10 });
    assert.deepEqual(keys, ['herald-state-x-2-1-b', 'herald-state-x-2-1-a']);
  });

  it('summary cells cannot break the table', () => {
    assert.equal(cell('a|b\nc<d'), 'a\\|b c&lt;d');
  });

  it('a summary cut to the byte limit stays valid UTF-8 and closes an open code fence', () => {
    const cut = fitSummary('## x\n\n```json\n' + 'é'.repeat(2000), 1000);
    assert.ok(Buffer.byteLength(cut) <= 1000);
    assert.doesNotMatch(cut, /\uFFFD/);
    assert.equal(cut.match(/^```/gm)!.length % 2, 0);
  });

  it('the results output keeps everything when small, failures first within the bounds when not', () => {
    const few = [{ sink_id: 'a', event_id: '1', outcome: 'delivered' }];
    assert.deepEqual(boundedResults(few), { json: JSON.stringify(few), truncated: false });
    const many = Array.from({ length: 500 }, (_, i) => ({ sink_id: 'a', event_id: String(i), outcome: i === 499 ? 'dead_lettered' : 'delivered', error: 'e'.repeat(300) }));
    const bounded = boundedResults(many);
    assert.equal(bounded.truncated, true);
    assert.ok(Buffer.byteLength(bounded.json) <= RESULTS_OUTPUT_MAX_BYTES);
    assert.equal(JSON.parse(bounded.json)[0].event_id, '499');
  });

  it('the inline config refers to variables only, so no secret is written to disk', () => {
    assert.match(inlineConfigYaml('slack'), /webhook_url: \$\{HERALD_INPUT_WEBHOOK\}/);
    assert.match(inlineConfigYaml('telegram'), /token: \$\{HERALD_INPUT_WEBHOOK\}\n\s+chat_id: \$\{HERALD_INPUT_CHAT_ID\}/);
  });

  it('a pull request is read from the event payload; other events have none', () => {
    assert.deepEqual(pullRequestOf({ pull_request: { number: 3, title: 't', html_url: 'u', head: { ref: 'h' }, base: { ref: 'b' } } }), { number: 3, title: 't', url: 'u', headRef: 'h', baseRef: 'b' });
    assert.equal(pullRequestOf({ ref: 'refs/heads/main' }), undefined);
    assert.equal(pullRequestOf(null), undefined);
  });
});
