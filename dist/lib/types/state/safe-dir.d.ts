/** The state folder's owner, mode and links; a folder that does not exist yet passes (it will be made 0700).
 *  Synchronous: a few lstat calls once per run, before anything else could overlap them, and
 *  each promise round trip costs more than the call itself at start-up. */
export declare function checkStateFolder(dir: string, options?: {
    parent?: string;
}): void;
/**
 * A private folder at `path` for files of this user only: made exclusively 0700, or an existing
 * one used only when it is a real folder owned by the user with mode 0700. Anything else (a link,
 * another owner, a loose mode: someone else got there first) gives a fresh mkdtemp folder beside
 * it instead, and `replaced` says why.
 */
export declare function privateFolder(path: string): Promise<{
    dir: string;
    replaced?: string;
}>;
