export type KeyPath = (string | number)[];
export declare function formatPath(path: KeyPath): string;
export declare function startsWith(path: (string | number)[], prefix: (string | number)[]): boolean;
export declare function samePath(a: (string | number)[], b: (string | number)[]): boolean;
