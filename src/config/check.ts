// Checking a config tree (what a YAML file, or the embedded default, holds) against the block's
// schema and each sink kind's. Every problem becomes a ConfigError naming the file, the line and
// column when the tree came from text, the key path, and the fix; nothing here prints a stack trace.
import { basename, dirname } from 'node:path';
import * as z from '../core/zod.js';
import { formatPath, samePath, startsWith, type KeyPath } from '../core/key-path.js';
import { ConfigError, PermanentError } from '../core/errors.js';
import { urlLengthProblem } from '../core/url-length.js';
import { substituteTree } from '../core/env-vars.js';
import { closest } from '../core/suggest.js';
import { CommonSinkShape, NotificationsSchema } from '../core/config-schema.js';
import type { AnySinkDefinition, SinkConfig } from '../sinks/define.js';
import type { expandUrlSink } from './url-sink.js';
import { combine, reportIssue, unsetProblem } from './report-issue.js';
import { withholdLiterals } from './literal-keys.js';
import type { LoadedConfig, LoadOptions, MissingVariable, SinkEntry } from './types.js';

/** Where a key path stands in the text the tree came from (nothing for the embedded default). */
export type Locate = (path: KeyPath) => { line?: number; column?: number };

/** The sink kinds a tree names, to load before checking it; undefined when any kind is known only
 *  after substitution (a `url:` sink, a `${VAR}` kind), so every kind must be loaded. */
export function kindsNamed(parsed: unknown, extraSinks: Record<string, unknown>[] = []): string[] | undefined {
  const block = (parsed as { notifications?: { sinks?: unknown } } | null)?.notifications;
  const sinks = [...(Array.isArray(block?.sinks) ? block.sinks : []), ...extraSinks];
  const kinds: string[] = [];
  for (const sink of sinks) {
    const kind = (sink as { kind?: unknown } | null)?.kind;
    if (kind === undefined && sink && typeof sink === 'object' && 'url' in sink) return undefined;
    if (typeof kind === 'string' && kind.includes('${')) return undefined;
    if (typeof kind === 'string') kinds.push(kind);
  }
  return kinds;
}

/** Expands a sink written as a service URL; loaded only for a config that has one (kindsNamed). */
export type ExpandUrlSink = typeof expandUrlSink;

export function checkConfigTree(parsed: unknown, file: string | null, where: Locate, options: LoadOptions, expandUrl?: ExpandUrlSink): LoadedConfig {
  const fileLabel = file ?? '(embedded default config)';
  const warnings: string[] = [];
  const root = parsed ?? {};
  if (typeof root !== 'object' || Array.isArray(root)) {
    throw new ConfigError('the top level must be a mapping with a `notifications:` key', { file: fileLabel });
  }
  // Bernstein's whole config file (bernstein.yaml, bernstein.prod.yaml…) holds other sections
  // beside `notifications:`; Herald reads its block and leaves the rest to Bernstein.
  const isBernsteinFile = file !== null && (/^bernstein([._-][^/]*)?\.ya?ml$/i.test(basename(file)) || looksLikeBernstein(root as Record<string, unknown>, basename(file)));
  if (!isBernsteinFile) {
    for (const key of Object.keys(root)) {
      if (key === 'notifications') continue;
      const hint = key in NotificationsSchema.shape ? `put \`${key}:\` under \`notifications:\`` : `the only top-level key is \`notifications:\``;
      throw new ConfigError(`unknown top-level key '${key}'`, { file: fileLabel, keyPath: key, ...where([key]), fix: hint });
    }
  }
  const rawBlock = (root as Record<string, unknown>).notifications ?? {};
  if (typeof rawBlock !== 'object' || rawBlock === null || Array.isArray(rawBlock)) {
    throw new ConfigError(`notifications block must be a mapping, got ${Array.isArray(rawBlock) ? 'list' : typeof rawBlock}`, {
      file: fileLabel,
      keyPath: 'notifications',
      ...where(['notifications']),
    });
  }

  const literals = withholdLiterals(rawBlock as Record<string, unknown>, options.registry);
  const resolved = substituteTree(literals.block, options.env, ['notifications']);
  literals.restore(resolved.value as Record<string, unknown>);
  // Added after substitution: their values are resolved already and may hold a literal `${`.
  if (options.extraSinks?.length) {
    const value = resolved.value as Record<string, unknown>;
    value.sinks = [...(Array.isArray(value.sinks) ? value.sinks : []), ...options.extraSinks];
  }
  const errors: ConfigError[] = [];
  const fail = (path: (string | number)[], message: string, fix?: string) =>
    errors.push(new ConfigError(message, { file: fileLabel, keyPath: formatPath(path), ...where(path), fix }));

  const blockResult = NotificationsSchema.safeParse(resolved.value);
  if (!blockResult.success) {
    for (const issue of blockResult.error.issues) reportIssue(issue, ['notifications'], NotificationsSchema.shape, resolved.missing, fail);
    throw combine(errors);
  }
  const { sinks: rawSinks, ...block } = blockResult.data;
  const rawSinkSource = ((rawBlock as Record<string, unknown>).sinks ?? []) as unknown[];

  const sinks: SinkEntry[] = [];
  const seenIds = new Set<string>();
  const secrets = new Set(resolved.secretValues);
  const missing: MissingVariable[] = [];

  rawSinks.forEach((raw, index) => {
    const base: (string | number)[] = ['notifications', 'sinks', index];
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      fail(base, 'each sink must be a mapping with at least `id` and `kind`');
      return;
    }
    let sinkRaw = raw as Record<string, unknown>;
    const source = (rawSinkSource[index] ?? {}) as Record<string, unknown>;
    const enabled = source.enabled !== false;
    const sinkMissing = resolved.missing.filter((m) => startsWith(m.path, base));
    if (sinkRaw.kind === undefined && ('url' in sinkRaw || 'url' in source)) {
      if (!expandUrl) throw new Error('a service-URL sink met before the URL parser was loaded (kindsNamed missed it)');
      const expanded = expandUrl(sinkRaw, base, sinkMissing, options.tolerateMissing ?? false, fail);
      if (!expanded) return;
      if (expanded === 'unset') {
        for (const m of sinkMissing) missing.push({ name: m.name, keyPath: formatPath(m.path), fatal: true });
        return;
      }
      sinkRaw = expanded.config;
      for (const secret of expanded.secrets) secrets.add(secret);
    }
    if (typeof sinkRaw.kind !== 'string' || !sinkRaw.kind) {
      fail([...base, 'kind'], typeof source.kind === 'undefined' ? "Field required: every sink needs a non-empty 'kind'" : 'kind must be a non-empty string', `one of: ${options.registry.list().join(', ')}`);
      return;
    }
    let definition = options.registry.get(sinkRaw.kind);
    if (!definition && !enabled) {
      // Bernstein never builds a disabled sink, so one of a kind Herald lacks (a Python entry-point
      // driver, say) loaded there: here it is listed, never delivered, and named once.
      warnings.push(`${fileLabel}: sink '${String(sinkRaw.id)}' (disabled) has kind '${sinkRaw.kind}', which Herald does not know; it stays disabled`);
      definition = unknownKind(sinkRaw.kind);
    }
    if (!definition) {
      const hint = closest(sinkRaw.kind, options.registry.list());
      fail([...base, 'kind'], `unknown sink kind '${sinkRaw.kind}'`, `${hint ? `did you mean '${hint}'? ` : ''}available: ${options.registry.list().join(', ')}`);
      return;
    }
    const shape = { ...CommonSinkShape, ...definition.config };
    const schema = z.strictObject(shape);
    const result = schema.safeParse(sinkRaw);
    let config: SinkConfig<z.core.$ZodShape>;
    if (result.success) {
      config = result.data as SinkConfig<z.core.$ZodShape>;
    } else {
      // A disabled sink's driver keys are not checked (as Bernstein), but its common keys are.
      const relevant = enabled ? result.error.issues : result.error.issues.filter((i) => String(i.path[0]) in CommonSinkShape);
      const unsetOnly = relevant.every((i) => sinkMissing.some((m) => samePath(m.path, [...base, ...(i.path as (string | number)[])])));
      if (relevant.length && !(unsetOnly && options.tolerateMissing)) {
        for (const issue of relevant) reportIssue(issue, base, shape, sinkMissing, fail);
        return;
      }
      for (const issue of relevant) {
        const m = sinkMissing.find((x) => samePath(x.path, [...base, ...(issue.path as (string | number)[])]));
        if (m) missing.push({ name: m.name, keyPath: formatPath(m.path), fatal: true });
      }
      const partial = z.partial(z.object(shape)).safeParse(sinkRaw);
      config = { ...(partial.success ? partial.data : sinkRaw), enabled } as SinkConfig<z.core.$ZodShape>;
      // Show an unset required value as its reference, so a render reads `POST ${SLACK_WEBHOOK_URL}`.
      for (const issue of relevant) {
        const [key] = issue.path as (string | number)[];
        const rawValue = source[key as string];
        if (typeof key === 'string' && typeof rawValue === 'string') (config as Record<string, unknown>)[key] = rawValue;
      }
    }
    if (seenIds.has(config.id)) {
      fail([...base, 'id'], `duplicate sink id: '${config.id}'`, 'sink ids must be unique');
      return;
    }
    seenIds.add(config.id);
    for (const m of sinkMissing) {
      if (!missing.some((x) => x.keyPath === formatPath(m.path))) missing.push({ name: m.name, keyPath: formatPath(m.path), fatal: false });
    }
    // Cross-key checks would misreport a key whose ${VAR} is merely unset (validate, list).
    const unsetHere = options.tolerateMissing && sinkMissing.length > 0;
    if (enabled && result.success && definition.check) {
      for (const problem of definition.check(config)) {
        // A key the check wants whose ${VAR} is unset (an optional key, e.g. Slack's webhook_url
        // beside token) is reported as the unset variable, as a required key's would be.
        const unset = sinkMissing.find((m) => samePath(m.path, [...base, problem.key]));
        if (unset) {
          const entry = missing.find((x) => x.keyPath === formatPath(unset.path));
          if (entry) entry.fatal = true;
          const rawValue = source[problem.key];
          if (typeof rawValue === 'string') (config as Record<string, unknown>)[problem.key] = rawValue;
          if (!options.tolerateMissing) fail(unset.path, ...unsetProblem(unset.name));
        } else if (!unsetHere) fail([...base, problem.key], problem.message);
      }
    }
    for (const [key, value] of Object.entries(config)) {
      const tooLong = /url$/.test(key) && typeof value === 'string' ? urlLengthProblem(value) : undefined;
      if (tooLong) fail([...base, key], tooLong, 'check the value: a URL that long is refused by servers');
    }
    for (const key of definition.secretKeys ?? []) collectStrings(config[key], secrets);
    if (result.success) for (const derived of definition.derivedSecrets?.(config) ?? []) secrets.add(derived);
    sinks.push({ config, definition, index });
  });
  for (const m of resolved.missing) {
    if (!startsWith(m.path, ['notifications', 'sinks'])) missing.push({ name: m.name, keyPath: formatPath(m.path), fatal: false });
  }
  if (errors.length) throw combine(errors);
  return {
    file,
    baseDir: file ? dirname(file) : options.cwd,
    block,
    sinks,
    missing,
    secrets: [...secrets],
    ...(warnings.length ? { warnings } : {}),
    variables: resolved.used.map((u) => ({ name: u.name, keyPath: formatPath(u.path) })),
  };
}


function collectStrings(value: unknown, into: Set<string>): void {
  // An unresolved reference (tolerant loading) is not a secret: it is what the user wrote.
  if (typeof value === 'string') {
    if (!/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value)) into.add(value);
  }
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, into));
}

/** A disabled sink's stand-in for a kind Herald does not have: it takes any keys and never sends. */
function unknownKind(kind: string): AnySinkDefinition {
  return {
    kind,
    config: {},
    render: () => ({ target: `(unknown kind '${kind}')`, body: null }),
    deliver: async () => {
      throw new PermanentError(`sink kind '${kind}' is not available in Herald`);
    },
  };
}

/**
 * A file beside Herald's own names that holds a `notifications:` block and other sections that are
 * not Herald keys (nor near misses of them) is a Bernstein project file, whatever its name.
 */
function looksLikeBernstein(root: Record<string, unknown>, name: string): boolean {
  if (/^herald/i.test(name) || !('notifications' in root)) return false;
  const herald = ['notifications', ...Object.keys(NotificationsSchema.shape)];
  return Object.keys(root).every((key) => key === 'notifications' || (!herald.includes(key) && !closest(key, herald)));
}
