export declare class LockTimeoutError extends Error {
}
export declare function withLock<T>(path: string, work: () => Promise<T>, timeoutMs?: number): Promise<T>;
export declare function isAlive(pid: number): boolean;
