export declare function closest(word: string, candidates: readonly string[]): string | undefined;
