// The profile webhook's dead-letter store, in dnadesign's spool format (reference §4.8), so
// dnadesign and Herald drain each other's spools: one file per undelivered event, `<epoch_ms>-<sha16>.json`, holding
// `{"payload": …, "provider": …}` as compact, sorted, ASCII-escaped JSON. Herald creates the
// directory 0700 but never chmods one that already exists (§10 #10): a loose mode is reported.
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { CREATE_NEW_NOFOLLOW } from './files.js';
import { join } from 'node:path';
import { compactSortedJson } from '../core/python-json.js';
import { ConfigError } from '../core/errors.js';

export async function ensureSpoolDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') await mkdir(dir, { recursive: true, mode: 0o700 });
    else if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = (await stat(dir)).mode & 0o777;
  if (mode & 0o077) throw new ConfigError(`spool_dir must not be group/world-accessible (expected mode 700): ${dir} (mode=0o${mode.toString(8)})`);
}

export async function writeSpoolFile(dir: string, provider: string, payload: Record<string, unknown>, nowMs: number): Promise<string> {
  await ensureSpoolDir(dir);
  const body = compactSortedJson({ payload, provider });
  const name = `${Math.floor(nowMs)}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.json`;
  const tmp = join(dir, `${name}.tmp`);
  // A new file that is not a link (rm drops a planted one, never its target).
  await rm(tmp, { force: true });
  await writeFile(tmp, body, { mode: 0o600, flag: CREATE_NEW_NOFOLLOW });
  await chmod(tmp, 0o600);
  await rename(tmp, join(dir, name));
  await chmod(join(dir, name), 0o600);
  return join(dir, name);
}

export async function listSpoolFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, n));
}

export interface SpoolEntry {
  file: string;
  payload: Record<string, unknown>;
  /** The provider the file names, if any (dnadesign writes it; a hand-made file may not). */
  provider?: string;
}

/** Reads one spool file; a message (the reference's text) when it is not a valid spool file. */
export async function readSpoolFile(file: string): Promise<SpoolEntry | { file: string; problem: string }> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return { file, problem: `invalid spool payload file: ${file}` };
  }
  const record = data as Record<string, unknown> | null;
  if (!record || typeof record !== 'object' || Array.isArray(record) || !record.payload || typeof record.payload !== 'object' || Array.isArray(record.payload)) return { file, problem: `invalid spool payload file: ${file}` };
  if (record.provider !== undefined && (typeof record.provider !== 'string' || !record.provider.trim())) return { file, problem: `invalid spool payload provider value: ${file}` };
  return { file, payload: record.payload as Record<string, unknown>, ...(typeof record.provider === 'string' ? { provider: record.provider } : {}) };
}
