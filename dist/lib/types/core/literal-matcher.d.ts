export interface Literal {
    text: string;
    replacement: string;
    /** Only where the literal stands alone: neither neighbour is a letter, digit or "_". */
    wholeValue: boolean;
}
export declare class LiteralMatcher {
    /** Longest first, so that at one position the longest literal wins. */
    private readonly literals;
    private readonly sentinels;
    /** For each literal, a sentinel it contains: where that one is absent, the literal is too. */
    private readonly sentinelOf;
    private sentinelBytes;
    constructor(literals: Iterable<Literal>);
    /** False when no literal occurs in `text`; true means one may (a whole-value one may be inside a word). */
    mayOccurIn(text: string): boolean;
    /** `mayOccurIn` over UTF-8 bytes, searched natively without decoding them. */
    mayOccurInBytes(bytes: Buffer): boolean;
    replace(text: string): string;
}
