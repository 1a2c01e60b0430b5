/** Python's "%.<digits>f": rounds half-to-even on the exact binary value (JS toFixed rounds ties up). */
export declare function pythonFixed(value: number, digits: number): string;
/** repr() of a Python float: shortest round-trip digits, always with a fraction or exponent. */
export declare function pythonFloat(value: number): string;
export type PyJsonOptions = {
    sortKeys?: boolean;
    ensureAscii?: boolean;
};
/**
 * json.dumps with Python's default separators (", " and ": "). Numbers marked as floats by the
 * caller keep ".0"; plain JS numbers that are integers print as integers.
 */
export declare function pythonJson(value: unknown, options?: PyJsonOptions): string;
/** An integer beyond 2^53, kept as its digits so it prints exactly (Python ints are unbounded). */
export declare class ExactInt {
    readonly text: string;
    constructor(text: string);
    toJSON(): number;
    toString(): string;
}
/** A number that Python would hold as a float, so it prints with ".0" when whole. */
export declare class PyFloat {
    readonly value: number;
    constructor(value: number);
    toJSON(): number;
    toString(): string;
}
/** str() / "%f" of a non-finite Python float. */
export declare function pythonNonFinite(value: number): string;
