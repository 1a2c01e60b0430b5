// Where the audit chain's HMAC key comes from (reference lifecycle §4.4). An inline key
// (`audit.key`, `HERALD_AUDIT_KEY`) wins. Otherwise a key file kept as Bernstein keeps it, so a
// chain Bernstein started verifies with Herald and the reverse: 32 random bytes written as 64 hex
// characters, used as they are (not hex-decoded), created on first use 0600 in a 0700 folder, and
// refused when group or others have any access to it.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';

export interface AuditSettings {
  key?: string;
  key_file?: string;
  enabled?: boolean;
}

type Env = Record<string, string | undefined>;

export type AuditKeySource = { key: string } | { file: string };

/** Where the key is: inline, in a file, or nowhere (the audit chain is off). */
export function auditKeySource(audit: AuditSettings, env: Env, baseDir: string): AuditKeySource | undefined {
  if (audit.enabled === false) return undefined;
  const inline = audit.key ?? env.HERALD_AUDIT_KEY;
  if (inline) return { key: inline };
  const file = auditKeyFilePath(audit, env, baseDir);
  return file ? { file } : undefined;
}

/** The key if there is one already (inline, or an existing file, checked); never creates a file. */
export async function existingAuditKey(source: AuditKeySource | undefined): Promise<string | undefined> {
  if (!source) return undefined;
  return 'key' in source ? source.key : readAuditKeyFile(source.file, { create: false });
}

function auditKeyFilePath(audit: AuditSettings, env: Env, baseDir: string): string | undefined {
  const home = env.HOME || homedir();
  const expand = (p: string) => (p === '~' || p.startsWith('~/') ? join(home, p.slice(1)) : p);
  if (audit.key_file) return resolve(baseDir, expand(audit.key_file));
  if (env.HERALD_AUDIT_KEY_PATH) return resolve(expand(env.HERALD_AUDIT_KEY_PATH));
  if (!audit.enabled) return undefined;
  // `enabled: true` alone: Bernstein's own key file.
  if (env.BERNSTEIN_AUDIT_KEY_PATH) return resolve(expand(env.BERNSTEIN_AUDIT_KEY_PATH));
  const stateHome = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(stateHome, 'bernstein', 'audit.key');
}

/**
 * The key in an existing key file, checked, or (with `create`) a new key written there. Without
 * `create` a missing file gives undefined: verifying must not invent a key.
 */
export async function readAuditKeyFile(path: string, options: { create: boolean }): Promise<string | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw keyFileError(path, error);
    if (!options.create) return undefined;
    await createKeyFile(path);
    info = await stat(path);
  }
  if (info.mode & 0o077) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new ConfigError(`Audit key ${path} has insecure permissions ${mode}; required 0600 (owner-only).`, { fix: `chmod 600 ${path}` });
  }
  let key: string;
  try {
    key = (await readFile(path, 'utf8')).trim();
  } catch (error) {
    throw keyFileError(path, error);
  }
  if (key.length < 16) throw new ConfigError(`Audit key ${path} holds ${key.length} characters; at least 16 are needed`, { fix: 'remove the file to have a new key made, or write a longer one' });
  return key;
}

async function createKeyFile(path: string): Promise<void> {
  // Only the folders that do not exist yet get 0700; an existing folder is never chmod-ed.
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyFileError(path, error);
  }
}

function keyFileError(path: string, error: unknown): ConfigError {
  return new ConfigError(`cannot use the audit key file ${path}: ${(error as Error).message}`, { keyPath: 'notifications.audit.key_file' });
}
