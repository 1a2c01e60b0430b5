// `validate`'s warning about secrets too short to be hidden everywhere: below the redactor's
// minimum a value is hidden only where it stands alone (a header value, `"ab12c"`), so an echo
// that runs it into other text shows it. Names the variable and key, never the value.
import type { LoadedConfig } from '../config/load.js';
import { formatPath } from '../core/key-path.js';
import { MIN_SECRET_LENGTH, type Redactor } from '../core/redact.js';

export function shortSecretWarnings(config: LoadedConfig, env: Record<string, string | undefined>, redactor: Redactor): string[] {
  const warnings: string[] = [];
  const tooShort = (value: unknown) => typeof value === 'string' && value !== '' && redactor.isTooShort(value);
  const advice = `shorter than ${MIN_SECRET_LENGTH} characters, too short to be hidden wherever it appears in output; use a longer secret`;
  for (const v of config.variables ?? []) {
    if (tooShort(env[v.name])) warnings.push(`\${${v.name}} (used at ${v.keyPath}) is ${advice}`);
  }
  for (const sink of config.sinks) {
    for (const key of sink.definition.secretKeys ?? []) {
      walk(sink.config[key], ['notifications', 'sinks', sink.index, key], (value, path) => {
        const keyPath = formatPath(path);
        const fromVariable = (config.variables ?? []).some((v) => v.keyPath === keyPath);
        if (!fromVariable && tooShort(value)) warnings.push(`the secret at ${keyPath} is ${advice}`);
      });
    }
  }
  return warnings;
}

function walk(value: unknown, path: (string | number)[], visit: (value: unknown, path: (string | number)[]) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
  else visit(value, path);
}
