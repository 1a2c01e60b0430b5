import type { HttpOptions } from './http.js';
/**
 * Reads the CA bundles now, so a missing or unreadable one (a typo in --tls-ca-bundle, a folder)
 * stops the run as a ConfigError instead of dead-lettering every HTTPS delivery.
 */
export declare function checkCaBundles(options: Pick<HttpOptions, 'caBundle' | 'env'>): void;
export declare function extraCertificates(options: Pick<HttpOptions, 'caBundle' | 'env'>): string[] | undefined;
