import type { HttpClient, HttpOptions } from './http.js';
export declare const RESPONSE_TEXT_BYTES: number;
export declare function createHttpClient(options: HttpOptions): HttpClient;
