// Runs the action's main and post steps in-process through runMain/runPost with a recording
// double of @actions/core (as slack-github-action tests send(core)): inputs with action.yml's
// defaults, outputs, masks, annotations, summary and saved state. A job keeps one RUNNER_TEMP and
// HOME outside the workspace and carries exported variables to later steps, as the runner does.
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AnnotationProperties } from '@actions/core';
import { runMain } from '../../src/action/main-step.js';
import { runPost } from '../../src/action/post-step.js';
import type { ActionPorts, CorePort } from '../../src/action/ports.js';
import type { CachePort } from '../../src/state/actions-cache.js';
import { ROOT, tempDir } from '../support/cli.js';

export interface LogEntry {
  type: 'info' | 'debug' | 'notice' | 'warning' | 'error' | 'mask' | 'failed';
  message: string;
  properties?: AnnotationProperties;
}

export interface StepRecord {
  outputs: Record<string, string>;
  secrets: string[];
  summary: string;
  state: Record<string, string>;
  exported: Record<string, string>;
  log: LogEntry[];
  failed?: string;
  /** Everything the step printed, in order, as one text (masks excluded). */
  text: string;
}

const defaults: Record<string, string> = (() => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) if (spec.default !== undefined && !String(spec.default).includes('${{')) out[name] = String(spec.default);
  return out;
})();

function recordingCore(inputs: Record<string, string>, savedState: Record<string, string>): { core: CorePort; record: StepRecord } {
  const record: StepRecord = { outputs: {}, secrets: [], summary: '', state: {}, exported: {}, log: [], text: '' };
  const all = { ...defaults, ...inputs };
  const get = (name: string, options?: { trimWhitespace?: boolean }) => (options?.trimWhitespace === false ? (all[name] ?? '') : (all[name] ?? '').trim());
  const log = (type: LogEntry['type']) => (message: string | Error, properties?: AnnotationProperties) => {
    record.log.push({ type, message: String(message), ...(properties ? { properties } : {}) });
  };
  let pending = '';
  const summary = {
    addRaw(text: string, addEOL = false) {
      pending += text + (addEOL ? '\n' : '');
      return summary;
    },
    async write() {
      record.summary += pending;
      pending = '';
      return summary;
    },
  };
  const core = {
    getInput: get,
    getBooleanInput: (name: string) => {
      const v = get(name);
      if (['true', 'True', 'TRUE'].includes(v)) return true;
      if (['false', 'False', 'FALSE'].includes(v)) return false;
      throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\nSupport boolean input list: \`true | True | TRUE | false | False | FALSE\``);
    },
    getMultilineInput: (name: string) => get(name).split('\n').filter((l) => l !== '').map((l) => l.trim()),
    setOutput: (name: string, value: unknown) => void (record.outputs[name] = typeof value === 'string' ? value : JSON.stringify(value)),
    setSecret: (secret: string) => {
      record.secrets.push(secret);
      record.log.push({ type: 'mask', message: secret });
    },
    setFailed: (message: string | Error) => {
      record.failed = String(message);
      log('failed')(message);
    },
    saveState: (name: string, value: unknown) => void (record.state[name] = String(value)),
    getState: (name: string) => savedState[name] ?? '',
    exportVariable: (name: string, value: unknown) => void (record.exported[name] = String(value)),
    info: log('info'),
    debug: log('debug'),
    notice: log('notice'),
    warning: log('warning'),
    error: log('error'),
    summary,
  } as unknown as CorePort;
  return { core, record };
}

const noCache: CachePort = { isFeatureAvailable: () => false, restoreCache: async () => undefined, saveCache: async () => -1 };

export interface StepOptions {
  inputs?: Record<string, string>;
  /** Variables for this step only (GITHUB_ACTION, GITHUB_RUN_ATTEMPT…). */
  env?: Record<string, string>;
}

/** One job on one runner: steps share RUNNER_TEMP, HOME and the variables earlier steps exported. */
export class InProcessJob {
  readonly exported: Record<string, string> = {};
  private constructor(
    readonly workspace: string,
    readonly runnerTemp: string,
    readonly home: string,
    private readonly env: Record<string, string>,
  ) {}

  static async start(workspace: string, env: Record<string, string>): Promise<InProcessJob> {
    const runner = await tempDir('herald-runner-');
    const job = new InProcessJob(workspace, join(runner, 'temp'), join(runner, 'home'), env);
    await mkdir(job.runnerTemp, { recursive: true });
    await mkdir(job.home, { recursive: true });
    return job;
  }

  private stepEnv(extra: Record<string, string> = {}): Record<string, string> {
    return { HOME: this.home, RUNNER_TEMP: this.runnerTemp, GITHUB_WORKSPACE: this.workspace, GITHUB_ACTIONS: 'true', ...this.env, ...this.exported, ...extra };
  }

  async main(options: StepOptions = {}): Promise<StepRecord> {
    const { core, record } = recordingCore(options.inputs ?? {}, {});
    const ports: ActionPorts = { core, cache: noCache, fetch: globalThis.fetch, env: this.stepEnv(options.env), cwd: this.workspace, nowMs: () => Date.now() };
    await runMain(ports);
    Object.assign(this.exported, record.exported);
    record.text = record.log.filter((e) => e.type !== 'mask').map((e) => e.message).join('\n') + '\n' + record.summary;
    return record;
  }

  async post(mainRecord: StepRecord, options: StepOptions = {}): Promise<StepRecord> {
    const { core, record } = recordingCore(options.inputs ?? {}, mainRecord.state);
    await runPost({ core, cache: noCache, fetch: globalThis.fetch, env: this.stepEnv(options.env), cwd: this.workspace, nowMs: () => Date.now() });
    return record;
  }

  async resultsFile(record: StepRecord): Promise<Record<string, unknown>[]> {
    const text = await readFile(record.outputs['results-file']!, 'utf8');
    return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}
