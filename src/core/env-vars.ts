// ${VAR} substitution in config strings: whole-value ("${A}") and embedded ("Bearer ${A}");
// "$${A}" is the escape for a literal "${A}". Bernstein resolved only whole values (§2.6); Herald
// resolves every string field and fails loudly on a missing variable in a required field.

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface Substitution {
  /** The resolved string, or undefined when a referenced variable is unset. */
  value: string | undefined;
  /** Names of referenced variables that are unset. */
  missing: string[];
  /** Names of every referenced variable. */
  used: string[];
  /** The resolved values of referenced variables: secrets, to be redacted from all output. */
  secretValues: string[];
}

export function substitute(text: string, env: Record<string, string | undefined>): Substitution {
  const missing: string[] = [];
  const used: string[] = [];
  const secretValues: string[] = [];
  const value = text.replace(REFERENCE, (match, name: string | undefined) => {
    if (match === '$${') return '${';
    const resolved = env[name!];
    used.push(name!);
    if (resolved === undefined) {
      missing.push(name!);
      return '';
    }
    secretValues.push(resolved);
    return resolved;
  });
  return { value: missing.length ? undefined : value, missing, used, secretValues };
}

export interface ResolvedTree {
  value: unknown;
  missing: { name: string; path: (string | number)[] }[];
  used: { name: string; path: (string | number)[] }[];
  secretValues: string[];
}

/** Resolves every string in a JSON-like tree; a string with an unset variable becomes undefined. */
export function substituteTree(
  tree: unknown,
  env: Record<string, string | undefined>,
  path: (string | number)[] = [],
  out: ResolvedTree = { value: undefined, missing: [], used: [], secretValues: [] },
): ResolvedTree {
  const walk = (node: unknown, at: (string | number)[]): unknown => {
    if (typeof node === 'string') {
      const result = substitute(node, env);
      for (const name of result.missing) out.missing.push({ name, path: at });
      for (const name of result.used) out.used.push({ name, path: at });
      out.secretValues.push(...result.secretValues);
      return result.value;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...at, i]));
    if (node && typeof node === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        const resolved = walk(child, [...at, key]);
        if (resolved !== undefined) copy[key] = resolved;
      }
      return copy;
    }
    return node;
  };
  out.value = walk(tree, path);
  return out;
}
