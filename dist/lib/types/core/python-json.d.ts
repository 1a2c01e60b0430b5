export declare function compactSortedJson(value: unknown): string;
/**
 * `trusted`: the caller knows no string in `value` (keys included) needs an escape, e.g. every
 * string came from an ASCII line without a backslash, so the per-string check is skipped.
 */
export declare function dryRunLine(value: unknown, trusted?: boolean): string;
/** A string as json.dumps writes it (ensure_ascii). */
export declare function encodeJsonString(s: string): string;
/** Whether `s` can be copied into JSON as is (printable ASCII, no quote or backslash). */
export declare function isPlainJsonString(s: string): boolean;
/**
 * A request body as httpx writes Python's json (reference §3.0): compact, non-ASCII as is, and
 * numbers as the input wrote them (PyFloat keeps `.0`, ExactInt its digits), which JSON.stringify
 * cannot do.
 */
export declare function compactJson(v: unknown): string;
export declare function postBody(value: unknown): string;
