import { ConfigError } from '../core/errors.js';
/** open() flags: append (creating), read, and create-new — none follows a symbolic link. */
export declare const APPEND_NOFOLLOW: number;
export declare const READ_NOFOLLOW: number;
export declare const CREATE_NEW_NOFOLLOW: number;
export declare function ensurePrivateDir(path: string): Promise<void>;
/** The error for a state file that is a symbolic link: exit 2, naming the path and the fix. */
export declare function symlinkRefused(path: string): ConfigError;
/** Turns the ELOOP of an O_NOFOLLOW open into symlinkRefused; other errors pass through. */
export declare function nofollowError(path: string, error: unknown): unknown;
export declare function writeFileAtomic(path: string, data: string): Promise<void>;
/**
 * writeFileAtomic's steps (create-new no-follow temp, write, 0600, fsync, rename) with synchronous
 * calls around one asynchronous fsync: for a small state file rewritten on a hot path (a watch's
 * pack states at each cursor commit), where each thread-pool round trip cost more than its work.
 */
export declare function writeSmallFileAtomic(path: string, data: string): Promise<void>;
/** A descriptor opened with these flags (O_NOFOLLOW among them), or the error that names a link. */
export declare function openNoFollowSync(path: string, flags: number): number;
/** readTextIfExists with synchronous calls, for small state files read on a hot path. */
export declare function readTextIfExistsSync(path: string): string;
/** Appends whole text with one write on an O_APPEND descriptor that refuses links. */
export declare function appendNoFollow(path: string, text: string): Promise<void>;
export interface JsonlLine<T> {
    value: T;
    line: number;
}
/** Parses JSONL text; a line that does not parse is reported to `onBad` and skipped. */
export declare function parseJsonl<T>(text: string, onBad: (line: number, reason: string) => void): JsonlLine<T>[];
/** The file's text, '' when it does not exist; a link is refused, never read through. */
export declare function readTextIfExists(path: string): Promise<string>;
