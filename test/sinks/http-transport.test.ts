import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startReceiver } from '../support/receiver.js';
import { startProxy } from '../support/proxy.js';
import { selfSignedCertificate } from '../support/cert.js';
import { jsonLines, runCli, workspace } from '../support/cli.js';
import { ensureBundle } from '../support/bundle.js';

const config = (url: string) => `notifications:\n  retry: {max_attempts: 1}\n  sinks:\n    - {id: hook, kind: webhook, url: "${url}"}\n`;

test('HTTP_PROXY routes webhook traffic through the proxy; NO_PROXY bypasses it', async (t) => {
  ensureBundle();
  const target = await startReceiver();
  const proxy = await startProxy();
  t.after(() => Promise.all([target.close(), proxy.close()]));
  const dir = await workspace({ 'herald.yml': config(`${target.url}/hook`) });
  const proxied = await runCli(['send', '--json', '--event-id', 'p1'], { cwd: dir, env: { HTTP_PROXY: proxy.url } });
  assert.equal(jsonLines(proxied.stdout)[0]?.outcome, 'delivered', proxied.stderr);
  assert.deepEqual(proxy.connects, [`127.0.0.1:${target.port}`]);
  assert.equal(target.requests.length, 1);
  const bypass = await runCli(['send', '--json', '--event-id', 'p2'], { cwd: dir, env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
  assert.equal(jsonLines(bypass.stdout)[0]?.outcome, 'delivered', bypass.stderr);
  assert.equal(target.requests.length, 2);
  assert.equal(proxy.connects.length, 1, 'NO_PROXY went around the proxy');
});

test('an HTTPS endpoint with a private CA fails permanently until the CA bundle is given', async (t) => {
  ensureBundle();
  const certificate = await selfSignedCertificate();
  const received: string[] = [];
  const server = createHttpsServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const dir = await workspace({ 'herald.yml': config(url) });
  await copyFile(certificate.certPath, join(dir, 'ca.pem'));
  const untrusted = await runCli(['send', '--json', '--event-id', 'tls1'], { cwd: dir });
  const line = jsonLines(untrusted.stdout)[0]!;
  assert.equal(line.outcome, 'dead_lettered');
  assert.equal(line.attempts, 1, 'a certificate problem is not retried');
  assert.match(String(line.error), /tls error .*--tls-ca-bundle/);
  const trusted = await runCli(['send', '--json', '--event-id', 'tls2', '--tls-ca-bundle', 'ca.pem'], { cwd: dir });
  assert.equal(jsonLines(trusted.stdout)[0]!.outcome, 'delivered', trusted.stderr);
  const viaEnv = await runCli(['send', '--json', '--event-id', 'tls3'], { cwd: dir, env: { SSL_CERT_FILE: join(dir, 'ca.pem') } });
  assert.equal(jsonLines(viaEnv.stdout)[0]!.outcome, 'delivered', viaEnv.stderr);
  assert.equal(received.length, 2);
});

test('every request says it is Herald (User-Agent herald-notify/<version>), unless the sink set its own', async (t) => {
  const { createHttpClient } = await import('../../src/sinks/http-client.js');
  const { HERALD_VERSION } = await import('../../src/core/version.js');
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(HERALD_VERSION, pkg.version, 'src/core/version.ts follows package.json');
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const http = createHttpClient({ env: {} });
  t.after(() => http.close());
  await http.send({ method: 'POST', url: receiver.url, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 5000 });
  await http.send({ method: 'POST', url: receiver.url, headers: { 'User-Agent': 'mine/1' }, body: '{}', timeoutMs: 5000 });
  assert.deepEqual(receiver.requests.map((r) => r.headers['user-agent']), [`herald-notify/${pkg.version}`, 'mine/1']);
});
