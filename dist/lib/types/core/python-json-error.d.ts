export interface PythonJsonProblem {
    message: string;
    /** The failing index in code points (Python's `char`). */
    pos: number;
    line: number;
    column: number;
}
/** The JSONDecodeError text for `text`, or undefined when Python would accept it. */
export declare function pythonJsonErrorMessage(text: string): string | undefined;
export declare function locatePythonJsonError(text: string): PythonJsonProblem | undefined;
