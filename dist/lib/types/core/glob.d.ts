/** Whether `value` matches `pattern` as a whole; without "*" the two must be equal. */
export declare function matchesGlob(pattern: string, value: string): boolean;
