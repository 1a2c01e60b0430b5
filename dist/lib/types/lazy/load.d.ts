declare global {
    var __HERALD_LAZY__: Record<string, string> | undefined;
}
/** The package's CommonJS exports (what `require(name)` would give). */
export declare function lazyRequire<T>(name: string): Promise<T>;
