/**
 * The entries of `eventId` in the first `end` bytes of the file open as `fd` (whole lines): sink
 * id (`*` for a sinkless Bernstein line) → ts in ms of its last line, as reading the file top to
 * bottom leaves them. Undefined when the id matches too many lines: then the caller parses all.
 */
export declare function findEntries(fd: number, end: number, eventId: string): Map<string, number> | undefined;
/**
 * A look at the file around `offset` without reading the rest: the ts of the first entry line
 * that starts after it, and the mean length of the (up to 8) lines from there.
 */
export declare function sampleLines(fd: number, offset: number, end: number): {
    tsMs: number;
    lineBytes: number;
} | undefined;
