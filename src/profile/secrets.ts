// Secret-ref URIs (reference §6): file:// (refuses group/world-readable files), env://NAME
// (Herald), keychain:// through `security`, secretservice:// through `secret-tool`. Paths in
// file:// refs are percent-decoded (§10 #12). Values are never printed.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { ConfigError } from '../core/errors.js';

export class SecretError extends ConfigError {}

export interface SecretRef {
  scheme: 'file' | 'env' | 'keychain' | 'secretservice';
  path?: string;
  name?: string;
  service?: string;
  account?: string;
}

export function parseSecretRef(ref: string): SecretRef {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(ref.trim());
  const scheme = (m?.[1] ?? '').toLowerCase();
  const rest = m?.[2] ?? '';
  if (scheme === 'file') {
    const slash = rest.indexOf('/');
    const host = slash === -1 ? rest : rest.slice(0, slash);
    if (host && host !== 'localhost') throw new SecretError('file secret_ref must not include a host; expected file:///absolute/path/to/secret');
    const path = slash === -1 ? '' : decodeURIComponent(rest.slice(slash));
    if (!path || !isAbsolute(path)) throw new SecretError('file secret_ref must include an absolute path');
    return { scheme: 'file', path };
  }
  if (scheme === 'env') {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(rest)) throw new SecretError('env secret_ref must look like env://NAME');
    return { scheme: 'env', name: rest };
  }
  if (scheme === 'keychain' || scheme === 'secretservice') {
    const slash = rest.indexOf('/');
    const service = slash === -1 ? rest : rest.slice(0, slash);
    const account = slash === -1 ? '' : decodeURIComponent(rest.slice(slash)).replace(/^[\s/]+|[\s/]+$/g, '');
    if (!service || !account) throw new SecretError('secret_ref must look like keychain://<service>/<account> or secretservice://<service>/<account>');
    return { scheme, service, account };
  }
  throw new SecretError(`unsupported secret backend '${scheme}'; expected one of: file, keychain, secretservice`);
}

function run(cmd: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 5000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1) : 0;
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(new SecretError(`secret backend '${cmd === 'security' ? 'keychain' : 'secretservice'}' is not available; missing command: ${cmd}`));
      else resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export async function resolveSecretRef(ref: string, env: Record<string, string | undefined>): Promise<string> {
  const parsed = parseSecretRef(ref);
  if (parsed.scheme === 'env') {
    const value = env[parsed.name!]?.trim();
    if (!value) throw new SecretError(`secret value not found for reference: ${ref}`);
    return value;
  }
  if (parsed.scheme === 'file') {
    const path = parsed.path!;
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new SecretError(`secret value not found for reference: ${ref}`);
    }
    if (!info.isFile()) throw new SecretError(`secret path is not a file: ${path}`);
    const mode = info.mode & 0o777;
    if (mode & 0o077) throw new SecretError(`secret file must not be group/world-accessible (expected mode 600): ${path} (mode=0o${mode.toString(8)})`);
    const value = (await readFile(path, 'utf8')).trim();
    if (!value) throw new SecretError(`secret value not found for reference: ${ref}`);
    return value;
  }
  if (parsed.scheme === 'secretservice' && !env.DBUS_SESSION_BUS_ADDRESS) throw new SecretError("secret backend 'secretservice' is not available on this system");
  const result = parsed.scheme === 'keychain'
    ? await run('security', ['find-generic-password', '-s', parsed.service!, '-a', parsed.account!, '-w'])
    : await run('secret-tool', ['lookup', 'service', parsed.service!, 'account', parsed.account!]);
  const value = result.stdout.trim();
  if (result.code !== 0 || !value) {
    if (result.code !== 0 && result.stderr.trim()) throw new SecretError(`secret backend command failed: ${result.stderr.trim()}`);
    throw new SecretError(`secret value not found for reference: ${ref}`);
  }
  return value;
}

/** Stores a secret. A file's parent is created 0700 when missing; an existing one is only checked. */
export async function storeSecretRef(ref: string, value: string): Promise<void> {
  const parsed = parseSecretRef(ref);
  if (parsed.scheme === 'file') {
    const path = parsed.path!;
    const parent = dirname(path);
    try {
      await stat(parent);
    } catch {
      await mkdir(parent, { recursive: true, mode: 0o700 });
    }
    const tmp = join(parent, `.${basename(path)}.tmp`);
    await writeFile(tmp, value, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, path);
    await chmod(path, 0o600);
    return;
  }
  if (parsed.scheme === 'env') throw new SecretError('env:// secret refs are read-only; export the variable instead');
  const result = parsed.scheme === 'keychain'
    ? await run('security', ['add-generic-password', '-U', '-s', parsed.service!, '-a', parsed.account!, '-w', value])
    : await run('secret-tool', ['store', '--label', `dnadesign notify webhook (${parsed.service}/${parsed.account})`, 'service', parsed.service!, 'account', parsed.account!], `${value}\n`);
  if (result.code !== 0) throw new SecretError(`secret backend command failed: ${(result.stderr || result.stdout).trim()}`);
}

/** Availability as dnadesign checks it (§6.2). */
export async function backendAvailable(backend: string, env: Record<string, string | undefined>): Promise<boolean> {
  try {
    if (backend === 'file') return true;
    if (backend === 'keychain') {
      const r = await run('security', ['find-generic-password', '-s', 'dnadesign.notify.probe', '-a', 'dnadesign.notify.probe', '-w']);
      return r.code === 0 || r.code === 44;
    }
    if (backend === 'secretservice') {
      if (!env.DBUS_SESSION_BUS_ADDRESS) return false;
      const r = await run('secret-tool', ['lookup', 'service', 'dnadesign.notify.probe', 'account', 'dnadesign.notify.probe']);
      return r.code === 0 || r.code === 1;
    }
  } catch {
    return false;
  }
  return false;
}
