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
export declare function substitute(text: string, env: Record<string, string | undefined>): Substitution;
export interface ResolvedTree {
    value: unknown;
    missing: {
        name: string;
        path: (string | number)[];
    }[];
    used: {
        name: string;
        path: (string | number)[];
    }[];
    secretValues: string[];
}
/** Resolves every string in a JSON-like tree; a string with an unset variable becomes undefined. */
export declare function substituteTree(tree: unknown, env: Record<string, string | undefined>, path?: (string | number)[], out?: ResolvedTree): ResolvedTree;
