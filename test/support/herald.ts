// In-process Herald over a temp workspace: config text in, a Herald out, cleaned up by the test.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHerald, type Herald } from '../../src/herald.js';
import { tempDir } from './cli.js';

export interface TestHerald extends Herald {
  dir: string;
  printed: string[];
  warnings: string[];
}

export async function heraldWith(configYaml: string, env: Record<string, string> = {}, dir?: string): Promise<TestHerald> {
  const cwd = dir ?? (await tempDir());
  await writeFile(join(cwd, 'herald.yml'), configYaml);
  const printed: string[] = [];
  const warnings: string[] = [];
  const herald = await createHerald({
    cwd,
    env: { ...env },
    context: {
      stdout: (line) => printed.push(line),
      log: { info: () => undefined, debug: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
    },
  });
  return Object.assign(herald, { dir: cwd, printed, warnings });
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
