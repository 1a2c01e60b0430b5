export declare function exportsOf<T>(namespace: Promise<unknown>): Promise<T>;
