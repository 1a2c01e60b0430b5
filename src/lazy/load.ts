// A CommonJS package imported dynamically arrives as a namespace whose `default` is its
// `module.exports`; callers want what `require(name)` would give.
export async function exportsOf<T>(namespace: Promise<unknown>): Promise<T> {
  const loaded = (await namespace) as { default?: unknown };
  return (loaded.default ?? loaded) as T;
}
