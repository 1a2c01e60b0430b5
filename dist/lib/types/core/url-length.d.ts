export declare const MAX_URL_CHARS = 8192;
export declare function urlLengthProblem(url: string): string | undefined;
