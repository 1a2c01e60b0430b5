export interface HttpRequest {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    timeoutMs: number;
}
export interface HttpResponse {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
}
export interface HttpClient {
    send(request: HttpRequest): Promise<HttpResponse>;
    close(): Promise<void>;
}
export interface HttpOptions {
    env: Record<string, string | undefined>;
    /** --tls-ca-bundle or `http.ca_bundle`; SSL_CERT_FILE and NODE_EXTRA_CA_CERTS are read too. */
    caBundle?: string;
    proxy?: string;
    connectTimeoutMs?: number;
}
/** Bernstein's classification: 2xx ok; 408, 425, 429, 5xx transient; everything else permanent. */
export declare function classifyHttpResponse(response: HttpResponse, url: string, nowMs: number): void;
/** Retry-After as delta-seconds or an HTTP date, in milliseconds from now. */
export declare function retryAfterMs(value: string | string[] | undefined, nowMs: number): number | undefined;
/** Header lookup that ignores case, for merging user headers over defaults. */
export declare function mergeHeaders(base: Record<string, string>, overrides: Record<string, string>): Record<string, string>;
/** POST a JSON body (compact, UTF-8, as Bernstein's httpx sends it) and return the raw response. */
export declare function postJson(http: HttpClient, url: string, body: unknown, timeoutMs: number, headers?: Record<string, string>): Promise<HttpResponse>;
/** POST a form-encoded body (Pushover, Zulip) and return the raw response. */
export declare function postForm(http: HttpClient, url: string, fields: Record<string, string>, timeoutMs: number, headers?: Record<string, string>): Promise<HttpResponse>;
/**
 * HTTP Basic credentials (base64 of `user:secret`). A service that echoes its request would show
 * them in a form no redaction of the secret itself finds: a sink that sends them declares them
 * as `derivedSecrets`.
 */
export declare function basicCredential(user: string | undefined, secret: string | undefined): string;
/** A response header as one string (undici gives arrays for repeated headers). */
export declare function headerValue(response: HttpResponse, name: string): string | undefined;
/** The body as JSON, or undefined when it is not JSON (services answer HTML from proxies). */
export declare function jsonBody(response: HttpResponse): Record<string, unknown> | undefined;
