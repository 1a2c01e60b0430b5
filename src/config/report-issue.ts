// Turning schema issues into ConfigErrors: the key path, an unset ${VAR} named as such, a near
// miss of a key suggested, and several problems shown together.
import type * as z from '../core/zod.js';
import { ConfigError } from '../core/errors.js';
import { closest } from '../core/suggest.js';
import { samePath } from '../core/key-path.js';

export type Fail = (path: (string | number)[], message: string, fix?: string) => void;

export const MISSING_MARK = 'is not set';

/** The message and fix for a key whose ${VAR} is not set. */
export function unsetProblem(name: string): [message: string, fix: string] {
  return [`\${${name}} ${MISSING_MARK}`, `export ${name} before running (in a workflow: env: { ${name}: \${{ secrets.${name} }} })`];
}

export function reportIssue(
  issue: z.core.$ZodIssue,
  base: (string | number)[],
  shape: Record<string, unknown>,
  missing: { name: string; path: (string | number)[] }[],
  fail: Fail,
): void {
  const path = [...base, ...(issue.path as (string | number)[])];
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const candidates = issue.path.length === 0 ? Object.keys(shape) : [];
      const hint = closest(key, candidates);
      fail([...path, key], `unknown key '${key}'`, hint ? `did you mean '${hint}'?` : candidates.length ? `valid keys: ${candidates.join(', ')}` : undefined);
    }
    return;
  }
  const unset = missing.find((m) => samePath(m.path, path));
  if (unset) {
    fail(path, ...unsetProblem(unset.name));
    return;
  }
  // The key in quotes, as Bernstein's messages (`requires 'url'`), which its tests match on.
  const last = path[path.length - 1];
  const message = issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? `Field required${typeof last === 'string' ? `: '${last}'` : ''}` : issue.message;
  fail(path, message);
}

export function combine(errors: ConfigError[]): ConfigError {
  if (errors.length === 1) return errors[0]!;
  const shown = errors.slice(0, 8).map((e) => e.describe()).join('\n');
  const more = errors.length > 8 ? `\n(${errors.length - 8} more problems)` : '';
  const combined = new ConfigError(`${errors.length} problems in the config`, errors[0]!.details);
  combined.describe = () => shown + more;
  return combined;
}
