export interface ParsedUrl {
    scheme: string;
    user?: string;
    password?: string;
    host: string;
    port?: string;
    segments: string[];
    params: Map<string, string>;
}
export interface ServiceSink {
    /** `kind` and the kind's keys. */
    config: Record<string, unknown>;
    /** Every secret part, for the redactor. */
    secrets: string[];
}
export type Builder = (url: ParsedUrl) => ServiceSink;
export declare const APPRISE_GLOBALS: Set<string>;
export declare function fail(url: ParsedUrl, message: string, fix: string): never;
/** Query parameters named in `allowed` (as sink keys, after renames); any other is an error. */
export declare function options(url: ParsedUrl, allowed: Record<string, string>): Record<string, string>;
/**
 * Split by hand rather than with `URL`: Apprise's URLs put tokens where a host or port would be
 * (`tgram://123456:ABC-DEF/…` is not a valid port), and `#channel` is a target, not a fragment.
 */
export declare function parseServiceUrl(text: string): ParsedUrl | undefined;
