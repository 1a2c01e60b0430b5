// A config the step cannot use, reported where the author looks: an error annotation on the
// config file in the pull request's diff (workspace-relative `file`, `line`, `col`), and the
// job summary. An absolute path or a missing line gives no annotation on the diff.
import { isAbsolute, relative } from 'node:path';
import { ConfigError, isUserError } from '../core/errors.js';
import type { CorePort } from './ports.js';

export interface ConfigProblem {
  /** The text for the log and summary, with the config's path made workspace-relative. */
  message: string;
  annotation?: { title: string; file: string; startLine?: number; startColumn?: number };
}

export function describeConfigProblem(error: unknown, workspace: string): ConfigProblem {
  if (!isUserError(error)) return { message: error instanceof Error ? error.message : String(error) };
  const message = error.describe();
  if (!(error instanceof ConfigError) || !error.details.file || !isAbsolute(error.details.file)) return { message };
  const file = relative(workspace, error.details.file);
  if (!file || file.startsWith('..') || isAbsolute(file)) return { message };
  const { line, column } = error.details;
  return {
    message: message.split(error.details.file).join(file),
    annotation: { title: 'Herald config', file, ...(line ? { startLine: line } : {}), ...(line && column ? { startColumn: column } : {}) },
  };
}

/** Annotates the file when there is one; the caller still fails the step. */
export function annotateConfigProblem(core: Pick<CorePort, 'error'>, problem: ConfigProblem): void {
  if (problem.annotation) core.error(problem.message, problem.annotation);
}
