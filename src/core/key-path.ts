// Key paths in the config ("notifications.sinks[2].url"); where one stands in YAML text is
// yaml-tree.ts's `locate`.

export type KeyPath = (string | number)[];

export function formatPath(path: KeyPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function startsWith(path: (string | number)[], prefix: (string | number)[]): boolean {
  return prefix.every((p, i) => path[i] === p);
}

export function samePath(a: (string | number)[], b: (string | number)[]): boolean {
  return a.length === b.length && startsWith(a, b);
}

