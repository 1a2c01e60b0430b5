// A self-signed certificate for 127.0.0.1/localhost, generated at test time with openssl, to test
// STARTTLS and implicit TLS with the certificate trusted through a CA-bundle option.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './cli.js';

export interface TestCertificate {
  key: string;
  cert: string;
  /** Path to the PEM certificate, to pass as a CA bundle. */
  certPath: string;
}

export async function selfSignedCertificate(): Promise<TestCertificate> {
  const dir = await tempDir('herald-cert-');
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-keyout', keyPath, '-out', certPath,
  ], { stdio: 'ignore' });
  return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8'), certPath };
}
