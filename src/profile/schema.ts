// Profile schema v2 (reference §2): load-time validation in the documented order with the
// documented messages; written as sorted, 2-space-indented JSON with a trailing newline, so the
// qsub script's `sed` parsing keeps working. Paths are relative to the profile's directory.
import { chmod, rename, stat, writeFile } from 'node:fs/promises';
import { MAX_CONFIG_BYTES, readInputFile } from '../core/input-file.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { USR_PROVIDERS } from '../sinks/usr-webhook-format.js';

export const POLICIES = ['construct', 'densegen', 'generic', 'infer'] as const;
const KEYS = ['profile_version', 'provider', 'events', 'webhook', 'events_source', 'cursor', 'spool_dir', 'tls_ca_bundle', 'only_actions', 'only_tools', 'policy', 'include_args', 'include_context', 'include_raw_event', 'progress_step_pct', 'progress_min_seconds', 'progress_heartbeat_seconds'];

export interface Profile {
  path: string;
  dir: string;
  raw: Record<string, unknown>;
  provider: string;
  events: string;
  webhook: { source: 'env' | 'secret_ref'; ref: string };
  eventsSource?: { tool: string; config: string };
  cursor?: string;
  spoolDir?: string;
  tlsCaBundle?: string;
  onlyActions?: string;
  onlyTools?: string;
  policy?: string;
  includeArgs?: boolean;
  includeContext?: boolean;
  includeRawEvent?: boolean;
  progressStepPct?: number;
  progressMinSeconds?: number;
  progressHeartbeatSeconds?: number;
}

export class ProfileError extends ConfigError {}

function fail(message: string, file: string): never {
  throw new ProfileError(message, { file });
}

export function normalizeTool(tool: string): string {
  const t = tool.trim().toLowerCase();
  return t === 'infer_evo2' || t === 'infer-evo2' ? 'infer' : t;
}

export async function loadProfile(pathArg: string, cwd: string): Promise<Profile> {
  const path = resolve(cwd, pathArg);
  const text = await readInputFile(path, { what: 'profile file', maxBytes: MAX_CONFIG_BYTES, optional: true, fail: (message, fix) => new ProfileError(`${message}: ${path}`, { file: path, fix }) });
  if (text === undefined) return fail(`profile file not found: ${path}`, path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail(`profile file is not valid JSON: ${path}`, path);
  }
  return validateProfile(data, path);
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function validateProfile(data: unknown, path: string): Profile {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('profile file must contain a JSON object', path);
  const raw = data as Record<string, unknown>;
  if ('url' in raw) fail('profile must not store plain webhook URLs; use webhook refs', path);
  if ('preset' in raw) fail("legacy profile field 'preset' is not supported; use 'policy' with explicit filters", path);
  if (raw.profile_version !== 2) fail(`profile_version must be 2; found ${pyRepr(raw.profile_version)}`, path);
  const unknown = Object.keys(raw).filter((k) => !KEYS.includes(k)).sort();
  if (unknown.length) fail(`profile contains unsupported keys: ${unknown.join(', ')}`, path);
  for (const key of ['provider', 'events']) if (!nonEmpty(raw[key])) fail(`profile missing required non-empty string field '${key}'`, path);
  const webhook = raw.webhook;
  if (webhook === null || typeof webhook !== 'object' || Array.isArray(webhook)) fail("profile field 'webhook' must be an object", path);
  const wh = webhook as Record<string, unknown>;
  const extra = Object.keys(wh).filter((k) => k !== 'source' && k !== 'ref').sort();
  if (extra.length) fail(`profile field 'webhook' contains unsupported keys: ${extra.join(', ')}`, path);
  if (!nonEmpty(wh.source)) fail("profile field 'webhook.source' must be a non-empty string", path);
  const source = (wh.source as string).trim().toLowerCase();
  if (source !== 'env' && source !== 'secret_ref') fail("profile field 'webhook.source' must be one of: env, secret_ref", path);
  if (!nonEmpty(wh.ref)) fail("profile field 'webhook.ref' must be a non-empty string", path);
  const dir = dirname(path);
  let eventsSource: Profile['eventsSource'];
  if (raw.events_source !== undefined) {
    const es = raw.events_source;
    if (es === null || typeof es !== 'object' || Array.isArray(es)) fail("profile field 'events_source' must be an object", path);
    const e = es as Record<string, unknown>;
    const extraEs = Object.keys(e).filter((k) => k !== 'tool' && k !== 'config').sort();
    if (extraEs.length) fail(`profile field 'events_source' contains unsupported keys: ${extraEs.join(', ')}`, path);
    if (!nonEmpty(e.tool)) fail("profile field 'events_source.tool' must be a non-empty string", path);
    if (!nonEmpty(e.config)) fail("profile field 'events_source.config' must be a non-empty string path", path);
    eventsSource = { tool: normalizeTool(e.tool as string), config: resolve(dir, e.config as string) };
  }
  for (const key of ['events', 'cursor', 'spool_dir', 'tls_ca_bundle']) {
    if (raw[key] !== undefined && !nonEmpty(raw[key])) fail(`profile field '${key}' must be a non-empty string path when provided`, path);
  }
  for (const key of ['only_actions', 'only_tools', 'policy']) {
    if (raw[key] !== undefined && !nonEmpty(raw[key])) fail(`profile field '${key}' must be a non-empty string when provided`, path);
  }
  const policy = raw.policy === undefined ? undefined : (raw.policy as string).trim().toLowerCase();
  if (policy !== undefined && !(POLICIES as readonly string[]).includes(policy)) fail(`profile field 'policy' must be one of: ${POLICIES.join(', ')}`, path);
  if (policy !== undefined && policy !== 'generic' && (raw.only_actions === undefined || raw.only_tools === undefined)) {
    fail(`profile policy '${policy}' requires explicit only_actions and only_tools fields in profile`, path);
  }
  for (const key of ['include_args', 'include_context', 'include_raw_event']) {
    if (raw[key] !== undefined && typeof raw[key] !== 'boolean') fail(`profile field '${key}' must be a boolean when provided`, path);
  }
  const step = raw.progress_step_pct;
  if (step !== undefined) {
    if (typeof step !== 'number' || !Number.isInteger(step)) fail('profile field \'progress_step_pct\' must be an integer when provided', path);
    if ((step as number) < 1 || (step as number) > 100) fail("profile field 'progress_step_pct' must be between 1 and 100 when provided", path);
  }
  for (const key of ['progress_min_seconds', 'progress_heartbeat_seconds']) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'number') fail(`profile field '${key}' must be numeric when provided`, path);
    if ((v as number) <= 0) fail(`profile field '${key}' must be > 0 when provided`, path);
  }
  const rel = (v: unknown) => (v === undefined ? undefined : resolve(dir, v as string));
  return {
    path,
    dir,
    raw,
    provider: (raw.provider as string).trim(),
    events: resolve(dir, raw.events as string),
    webhook: { source: source as 'env' | 'secret_ref', ref: (wh.ref as string).trim() },
    eventsSource,
    cursor: rel(raw.cursor),
    spoolDir: rel(raw.spool_dir),
    tlsCaBundle: rel(raw.tls_ca_bundle),
    onlyActions: raw.only_actions as string | undefined,
    onlyTools: raw.only_tools as string | undefined,
    policy,
    includeArgs: raw.include_args as boolean | undefined,
    includeContext: raw.include_context as boolean | undefined,
    includeRawEvent: raw.include_raw_event as boolean | undefined,
    progressStepPct: step as number | undefined,
    progressMinSeconds: raw.progress_min_seconds as number | undefined,
    progressHeartbeatSeconds: raw.progress_heartbeat_seconds as number | undefined,
  };
}

function pyRepr(v: unknown): string {
  if (v === undefined || v === null) return 'None';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return JSON.stringify(v);
}

export function isKnownProvider(provider: string): boolean {
  return (USR_PROVIDERS as readonly string[]).includes(provider.trim().toLowerCase());
}

/** Sorted keys, 2-space indent, trailing newline; `<profile>.tmp` then rename, then chmod 0600. */
export async function writeProfile(path: string, data: Record<string, unknown>, force: boolean): Promise<void> {
  if (!force) {
    const exists = await stat(path).then(() => true, () => false);
    if (exists) throw new ProfileError(`profile already exists: ${path}. Pass --force to overwrite.`);
  }
  const text = JSON.stringify(sortDeep(data), null, 2) + '\n';
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, path);
  await chmod(path, 0o600);
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));
  return v;
}

export function absolutePath(p: string, base: string): string {
  return isAbsolute(p) ? p : resolve(base, p);
}
