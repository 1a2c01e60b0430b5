import type { HttpOptions } from './http.js';
/**
 * Checks the CA bundles now, so a missing or unreadable one (a typo in --tls-ca-bundle, a folder)
 * stops the run as a ConfigError instead of dead-lettering every HTTPS delivery. Whether each can
 * be read, without reading it: SSL_CERT_FILE is often the system's whole trust store, and every
 * start (a dry run too) would otherwise read it for nothing.
 */
export declare function checkCaBundles(options: Pick<HttpOptions, 'caBundle' | 'env'>): void;
export declare function extraCertificates(options: Pick<HttpOptions, 'caBundle' | 'env'>): string[] | undefined;
