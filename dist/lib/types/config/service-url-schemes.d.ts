import { type Builder } from './service-url-parse.js';
/** Scheme → builder; the plain and the TLS variant of self-hostable services. */
export declare const SCHEME_BUILDERS: Record<string, Builder>;
