// Crash-safe file primitives: atomic replace (temp, fsync, rename) and whole-line JSONL reading
// that skips a torn or corrupt line with a warning instead of failing.
import { open, rename, rm, readFile, mkdir, chmod } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
}

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await chmod(path, 0o600).catch(() => undefined);
}

export interface JsonlLine<T> {
  value: T;
  line: number;
}

/** Parses JSONL text; a line that does not parse is reported to `onBad` and skipped. */
export function parseJsonl<T>(text: string, onBad: (line: number, reason: string) => void): JsonlLine<T>[] {
  const out: JsonlLine<T>[] = [];
  const lines = text.split('\n');
  const complete = text.endsWith('\n') ? lines.length - 1 : lines.length;
  for (let i = 0; i < complete; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    const torn = i === lines.length - 1; // no newline after it: a write was cut short
    try {
      out.push({ value: JSON.parse(raw) as T, line: i + 1 });
    } catch {
      onBad(i + 1, torn ? 'torn last line' : 'not valid JSON');
    }
  }
  return out;
}

export async function readTextIfExists(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
