export declare function parseRecordText(text: string, options?: {
    keepFloats?: boolean;
}): unknown;
/** Python's json.JSONDecodeError text for a text JSON.parse refused (its own message has no position Python would give). */
export declare function pythonStyleError(text: string): Error;
