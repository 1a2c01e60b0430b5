// A Herald built from config text in a temp folder, with state that dies with it and output
// captured, for sink and dispatcher tests that go through the real pipeline.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { createHerald, type Herald } from '../../src/herald.js';
import { buildEvent, type EventInput, type NotificationEvent } from '../../src/core/event.js';
import type { Logger, RuntimeContext } from '../../src/core/context.js';
import { workspace } from './cli.js';

export interface TestHerald extends Herald {
  dir: string;
  printed: string[];
  warnings: string[];
}

export async function openTestHerald(
  yaml: string,
  options: { env?: Record<string, string>; files?: Record<string, string>; context?: Partial<RuntimeContext>; persistState?: boolean } = {},
): Promise<TestHerald> {
  const dir = await workspace({ 'herald.yml': yaml, ...(options.files ?? {}) });
  const printed: string[] = [];
  const warnings: string[] = [];
  const log: Logger = { info: () => undefined, debug: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  const herald = await createHerald({
    config: join(dir, 'herald.yml'),
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...(options.env ?? {}) },
    // State in <dir>/.herald/state when a test inspects it; otherwise gone with the process.
    state: options.persistState ? {} : { state: 'none' },
    context: { log, stdout: (line) => printed.push(line), ...options.context },
  });
  return Object.assign(herald, { dir, printed, warnings });
}

/** A complete event with fixed defaults, so payloads are stable across runs. */
export function testEvent(input: Partial<EventInput> = {}): NotificationEvent {
  return buildEvent({ kind: 'post_task', title: 'Task failed: t-1', body: 'exit 2', severity: 'error', task_id: 't-1', session_id: 's-1', event_id: 'ev-1', timestamp: 1_700_000_000.5, ...input }, 0);
}

/** Compares `actual` with test/<area>/golden/<name>.json; UPDATE_GOLDEN=1 rewrites the file. */
export async function assertGolden(testFileUrl: string, name: string, actual: unknown): Promise<void> {
  const path = join(dirname(fileURLToPath(testFileUrl)), 'golden', `${name}.json`);
  const text = JSON.stringify(actual, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) {
    await writeFile(path, text);
    if (!process.env.UPDATE_GOLDEN) assert.fail(`golden file ${name}.json was missing and has been written; check it and run again`);
    return;
  }
  assert.deepEqual(actual, JSON.parse(await readFile(path, 'utf8')));
}

/** A Herald with state kept in <dir>/.herald/state, for tests that look at the files. */
export function heraldWith(configYaml: string, env: Record<string, string> = {}): Promise<TestHerald> {
  return openTestHerald(configYaml, { env, persistState: true });
}

/** A webhook sink block pointing at a receiver, with fast deterministic retries. */
export function webhookConfig(url: string, options: { retry?: string; extraSinks?: string; sinkExtra?: string; top?: string } = {}): string {
  return `notifications:
  retry: ${options.retry ?? '{max_attempts: 3, initial_delay_ms: 10, backoff_factor: 2, max_delay_ms: 100, jitter: 0}'}
${options.top ?? ''}  sinks:
    - id: hook
      kind: webhook
      url: ${url}
${options.sinkExtra ?? ''}${options.extraSinks ?? ''}`;
}
