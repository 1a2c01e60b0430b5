// Issue 11, defects 8, 12 and 13: the last small untruths. --json on spool drain and profile show
// is JSON lines only; a long watch catch-up shows a bar on a terminal and plain lines elsewhere;
// hints name only what exists (files the npm package ships, NODE_EXTRA_CA_CERTS, the proxy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { ROOT, runCli, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';
import { openTestHerald, testEvent } from '../support/herald.js';
import { selfSignedCertificate } from '../support/cert.js';
import { freePort } from '../support/redis.js';
import { CONFIG_CANDIDATES, loadConfig } from '../../src/config/load.js';
import { createHttpClient } from '../../src/sinks/http-client.js';
import { SinkRegistry } from '../../src/sinks/registry.js';
import { ConfigError } from '../../src/core/errors.js';
import { writeSpoolFile } from '../../src/state/spool.js';
import { startWatchProgress } from '../../src/cli/watch-progress.js';

const jsonOnly = (stdout: string) => {
  const lines = stdout.trim().split('\n').filter(Boolean);
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `not JSON: ${line}`);
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
};

test('spool drain --json: one JSON line per replayed file and dead letter on stdout, as send --json; problems on stderr', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  // A Herald dead letter too (--herald-config): its sink refuses once, then takes the replay.
  receiver.setFallback({ status: 400, body: 'no' });
  const herald = await openTestHerald(`notifications:\n  retry: {max_attempts: 1}\n  sinks:\n    - {id: hook, kind: webhook, url: "${receiver.url}/herald"}\n`, { persistState: true });
  await herald.deliver([testEvent({ event_id: 'dl-1', title: 'dead-lettered once' })]);
  await herald.close();
  receiver.setFallback({ status: 200 });
  receiver.requests.length = 0;
  const dir = herald.dir;
  const spool = join(dir, 'spool');
  await mkdir(spool, { mode: 0o700 });
  const payload = (n: number) => ({ status: 'running', tool: 'densegen', run_id: 'r1', timestamp: '2026-08-21T14:00:00Z', meta: { usr_action: 'import_rows' }, message: `rows ${n}` });
  await writeSpoolFile(spool, 'generic', payload(1), 1_000);
  await writeSpoolFile(spool, 'generic', payload(2), 2_000);
  await writeFile(join(spool, '3000-broken.json'), '{"payload": ', { mode: 0o600 });
  const r = await runCli(['spool', 'drain', '--json', '--spool-dir', spool, '--url', `${receiver.url}/spool`, '--retry-base-seconds', '0', '--herald-config', join(dir, 'herald.yml'), '--state-dir', join(dir, '.herald', 'state')], { cwd: dir, source: true });
  assert.equal(r.code, 1, r.stderr);
  const rows = jsonOnly(r.stdout);
  assert.deepEqual(rows.map((row) => [row.sink_id, row.outcome]), [['spool-generic', 'delivered'], ['spool-generic', 'delivered'], ['hook', 'delivered']]);
  assert.ok(rows.every((row) => typeof row.dead_letter_id === 'string' && typeof row.event_id === 'string'));
  assert.match(r.stderr, /invalid spool payload file: .*3000-broken\.json/);
  assert.match(r.stderr, /replayed 1 of 1 dead letter/);
  assert.equal(receiver.requests.length, 3);
});

test('profile show --json: the profile as one JSON line', async () => {
  const dir = await workspace({ 'profile.json': readFileSync(join(ROOT, 'examples', 'usr', 'profile.json'), 'utf8') });
  const r = await runCli(['profile', 'show', '--json', '--profile', 'profile.json'], { cwd: dir, source: true });
  assert.equal(r.code, 0, r.stderr);
  const [row, ...rest] = jsonOnly(r.stdout);
  assert.equal(rest.length, 0, 'exactly one line');
  assert.equal(row!.profile_version, 2);
  assert.deepEqual(Object.keys(row!), Object.keys(row!).sort());
});

/** A stream a TTY would be, recording what is written to it. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text(): string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { text(): string };
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  Object.assign(stream, { isTTY, columns: 120, rows: 40, cursorTo: (_x: number, _y?: number, cb?: () => void) => (cb?.(), true), clearLine: (_d: number, cb?: () => void) => (cb?.(), true), moveCursor: (_x: number, _y: number, cb?: () => void) => (cb?.(), true) });
  stream.text = () => text;
  return stream;
}

test('watch catch-up: a progress bar on a terminal once it takes a second, ended when the log is read', async () => {
  const dir = await workspace({ 'e.log': 'x'.repeat(4_000_000) });
  let now = 0;
  const tty = fakeStream(true);
  const progress = await startWatchProgress(join(dir, 'e.log'), false, () => now, tty);
  progress.update({ offset: 100_000, emitted: 10, outcomes: { delivered: 10 } });
  assert.equal(tty.text(), '', 'nothing in the first second');
  now = 1500;
  progress.update({ offset: 2_000_000, emitted: 200, outcomes: { delivered: 190, dead_lettered: 10 } });
  now = 3000;
  progress.update({ offset: 4_000_000, emitted: 400, outcomes: { delivered: 390, dead_lettered: 10 } });
  progress.stop();
  const text = tty.text();
  assert.match(text, /herald: watch \[[█░]+\] 100% 4\.0\/4\.0 MB \| 400 event\(s\), 390 delivered, 10 kept for replay/);
  assert.doesNotMatch(text, /MB read/, 'no plain lines on a terminal');
});

test('watch catch-up elsewhere: a plain line every 5 s, no bar', async () => {
  const dir = await workspace({ 'e.log': 'x'.repeat(1_000_000) });
  let now = 0;
  const plain = fakeStream(false);
  const progress = await startWatchProgress(join(dir, 'e.log'), false, () => now, plain);
  for (const at of [1000, 4000, 5000, 9000, 10_000]) {
    now = at;
    progress.update({ offset: at * 10, emitted: at / 100, outcomes: { delivered: at / 100 } });
  }
  progress.stop();
  const lines = plain.text().trim().split('\n');
  assert.deepEqual(lines, ['herald: watch: 0.1 MB read (5.0%), 50 event(s), 50 delivered, 0 kept for replay, 5 s', 'herald: watch: 0.1 MB read (10.0%), 100 event(s), 100 delivered, 0 kept for replay, 10 s']);
});

test('"no config found" names only files the npm package ships', async () => {
  const dir = await workspace({});
  const shipped = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
  const error = await loadConfig({ cwd: dir, env: {}, registry: new SinkRegistry() }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof ConfigError, 'no config is an error');
  const text = error.describe();
  const named = [...text.matchAll(/[\w.-]+(?:\/[\w.-]+)+|[\w-]+\.md/g)].map((m) => m[0]).filter((p) => !CONFIG_CANDIDATES.includes(p));
  assert.ok(named.length, `the hint points somewhere: ${text}`);
  for (const path of named) assert.ok(shipped.some((f) => path === f || path.startsWith(`${f}/`)), `${path} is not in package.json "files" (${shipped.join(', ')})`);
});

test('a TLS certificate error names NODE_EXTRA_CA_CERTS among the trust roots', async (t) => {
  const cert = await selfSignedCertificate();
  const server = createServer({ key: cert.key, cert: cert.cert }, (_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const http = createHttpClient({ env: {} });
  t.after(() => http.close());
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  await assert.rejects(http.send({ method: 'POST', url, headers: {}, body: '{}', timeoutMs: 5000 }), /tls error .*NODE_EXTRA_CA_CERTS/);
});

test('a proxy that refuses the connection is named as the proxy; a host in NO_PROXY is not', async (t) => {
  const proxyPort = await freePort();
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const viaProxy = createHttpClient({ env: { HTTP_PROXY: `http://user:pw@127.0.0.1:${proxyPort}` } });
  t.after(() => viaProxy.close());
  const error = await viaProxy.send({ method: 'POST', url: `${receiver.url}/hook`, headers: {}, body: '{}', timeoutMs: 5000 }).then(() => undefined, (e: Error) => e);
  assert.match(String(error?.message), new RegExp(`through proxy http://127\\.0\\.0\\.1:${proxyPort} \\(check http\\.proxy, HTTPS_PROXY/HTTP_PROXY or NO_PROXY\\)`));
  assert.doesNotMatch(String(error?.message), /pw/, 'proxy credentials stay out');
  assert.equal(receiver.requests.length, 0);
  const bypass = createHttpClient({ env: { HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: '127.0.0.1' } });
  t.after(() => bypass.close());
  const ok = await bypass.send({ method: 'POST', url: `${receiver.url}/hook`, headers: {}, body: '{}', timeoutMs: 5000 });
  assert.equal(ok.status, 200);
});

test("the action's description fits the Marketplace's 125 characters", () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { description: string };
  assert.ok(action.description.length <= 125, `${action.description.length} characters`);
});
