import { type ServiceSink } from './service-url-parse.js';
export type { ServiceSink } from './service-url-parse.js';
export declare const SERVICE_URL_SCHEMES: string[];
/** The sink a URL stands for, with every secret part of it; a ConfigError when nothing matches. */
export declare function sinkFromServiceUrl(text: string): ServiceSink;
