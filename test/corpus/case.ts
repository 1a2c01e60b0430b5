// The bad-input corpus: what one case is, and how its files are laid out in a fresh workspace.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A file's content: text, or a shape too big or too odd to write inline. */
export type FileContent =
  | string
  | { repeat: string; times: number; prefix?: string; suffix?: string; /** repeated `times` after the repeat: closes brackets */ close?: string }
  | { base64: string }
  | { dir: true }
  | { symlink: string };

export interface CorpusCase {
  name: string;
  files?: Record<string, FileContent>;
  /** `herald <args>`, run in the workspace. */
  args?: string[];
  /** Instead of args: the action's main step with these inputs. */
  action?: { inputs: Record<string, string>; /** run the post step after main */ post?: boolean };
  /** Run in this existing folder instead of a fresh one (a sequence of steps on one state). */
  workspace?: string;
  env?: Record<string, string>;
  stdin?: FileContent;
  /** Exit status (for the action: 1 when the step failed, 0 otherwise). */
  exit: number;
  /** Words the output (stdout + stderr, or the step's log) must contain, case-insensitive. */
  says: string[];
  /** Words it must not contain (beyond the internal-error words every case checks). */
  never?: string[];
}

export async function layOut(dir: string, files: Record<string, FileContent> = {}): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    if (typeof content === 'string' || 'repeat' in content || 'base64' in content) await writeFile(full, contentBytes(content));
    else if ('dir' in content) await mkdir(full, { recursive: true });
    else await symlink(content.symlink, full);
  }
}

export function contentBytes(content: FileContent): Buffer {
  if (typeof content === 'string') return Buffer.from(content);
  if ('repeat' in content) return Buffer.from((content.prefix ?? '') + content.repeat.repeat(content.times) + (content.close ?? '').repeat(content.times) + (content.suffix ?? ''));
  if ('base64' in content) return Buffer.from(content.base64, 'base64');
  throw new Error('stdin and inline content are text, a repeat or base64');
}

/** Text no user-facing message may hold: signs of an internal error escaping as output. */
export const INTERNAL_ERROR_WORDS = ['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError:', 'Maximum call stack', 'unexpected failure', 'ESCAPED main()', 'trace-warnings', '[object Object]'];
/** A stack frame: "    at fn (file:line:col)". */
export const STACK_FRAME = /^\s+at .+[:(]/m;
