export declare function parseRecordText(text: string, options?: {
    keepFloats?: boolean;
}): unknown;
/** V8's message turned into the shape of Python's json.JSONDecodeError text. */
export declare function pythonStyleError(error: Error, text: string): Error;
