// Extra trust roots for HTTPS: --tls-ca-bundle (or `http.ca_bundle`), SSL_CERT_FILE and
// NODE_EXTRA_CA_CERTS. Checked at start, read when the HTTP client is first used.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { ConfigError } from '../core/errors.js';
import type { HttpOptions } from './http.js';

/**
 * Checks the CA bundles now, so a missing or unreadable one (a typo in --tls-ca-bundle, a folder)
 * stops the run as a ConfigError instead of dead-lettering every HTTPS delivery. Whether each can
 * be read, without reading it: SSL_CERT_FILE is often the system's whole trust store, and every
 * start (a dry run too) would otherwise read it for nothing.
 */
export function checkCaBundles(options: Pick<HttpOptions, 'caBundle' | 'env'>): void {
  for (const path of caBundlePaths(options)) {
    let folder: boolean;
    try {
      accessSync(path, constants.R_OK);
      folder = statSync(path).isDirectory();
    } catch (error) {
      throw caBundleError(path, error);
    }
    if (folder) throw caBundleError(path, { code: 'EISDIR' });
  }
}

function caBundlePaths(options: Pick<HttpOptions, 'caBundle' | 'env'>): string[] {
  return [options.caBundle, options.env.SSL_CERT_FILE, options.env.NODE_EXTRA_CA_CERTS].filter(Boolean) as string[];
}

export function extraCertificates(options: Pick<HttpOptions, 'caBundle' | 'env'>): string[] | undefined {
  const paths = caBundlePaths(options);
  if (!paths.length) return undefined;
  return paths.map((path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw caBundleError(path, error);
    }
  });
}

function caBundleError(path: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ConfigError(`cannot read CA bundle ${path} (${code === 'EISDIR' ? 'it is a folder' : code === 'ENOENT' ? 'not found' : code})`, {
    fix: 'check --tls-ca-bundle, SSL_CERT_FILE or NODE_EXTRA_CA_CERTS',
  });
}
