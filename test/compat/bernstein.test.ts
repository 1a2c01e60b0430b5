// Bernstein's own test checklist (reference/lifecycle-notifications.md §8, 64 upstream tests), one
// case per behaviour: each runs Herald on that behaviour and asserts Bernstein's result, or is
// skipped with the reason Herald differs on purpose (README "Compatibility notes"). The last case
// counts them and checks the figure the README states.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { LIFECYCLE_KINDS, buildEvent, toPayload } from '../../src/core/event.js';
import { OUTCOMES } from '../../src/dispatch/outcome.js';
import { PermanentError, TransientError, ConfigError } from '../../src/core/errors.js';
import { parseConfigText } from '../support/parse-config.js';
import { SinkRegistry } from '../../src/sinks/registry.js';
import { classifyHttpResponse } from '../../src/sinks/http.js';
import { backoffDelayMs } from '../../src/dispatch/backoff.js';
import { DirStore } from '../../src/state/dir.js';
import { openTestHerald, testEvent } from '../support/herald.js';
import { startReceiver } from '../support/receiver.js';
import { parseMail, startSmtp } from '../support/smtp.js';
import { selfSignedCertificate } from '../support/cert.js';
import { ROOT, tempDir } from '../support/cli.js';
import type { Logger } from '../../src/core/context.js';

const TOTAL = 64;
const reproduced: number[] = [];
const differs: number[] = [];

/** A behaviour Herald reproduces: the case must pass. */
function same(n: number, name: string, fn: (t: TestContext) => Promise<void> | void): void {
  reproduced.push(n);
  test(`#${n} ${name}`, fn);
}
/** Behaviours another change still has to bring: none now (a case here runs as a todo, uncounted). */
const pendingCases: number[] = [];
/** A behaviour Herald changes on purpose; the reason matches a README compatibility note. */
function differ(n: number, name: string, reason: string): void {
  differs.push(n);
  test(`#${n} ${name}`, { skip: `differs on purpose: ${reason}` }, () => undefined);
}

const registry = await new SinkRegistry().load();
const parse = (yaml: string, env: Record<string, string> = {}) => parseConfigText(yaml, '/w/bernstein.yaml', { cwd: '/w', env, registry });
const configMessage = (yaml: string, env: Record<string, string> = {}): string => {
  try {
    parse(yaml, env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.describe();
  }
  return assert.fail('expected a configuration error');
};
const quiet: Logger = { info() {}, debug() {}, warn() {}, error() {} };
const fast = '  retry: {max_attempts: 3, initial_delay_ms: 10, backoff_factor: 2, max_delay_ms: 100, jitter: 0}\n';
const auditKey = 'k'.repeat(64);

async function auditOutcomes(herald: { store: { readAudit(): AsyncIterable<{ text: string }> } }): Promise<string[]> {
  const out: string[] = [];
  for await (const line of herald.store.readAudit()) out.push((JSON.parse(line.text) as { details: { outcome: string } }).details.outcome);
  return out;
}

// ---- tests/unit/notifications/test_protocol.py (5) ----
same(1, 'event kinds are exactly the seven lifecycle values', () => {
  assert.deepEqual([...LIFECYCLE_KINDS].sort(), ['post_merge', 'post_spawn', 'post_task', 'pre_merge', 'pre_spawn', 'pre_task', 'synthetic']);
});
same(2, 'to_payload round trip; changing the payload labels leaves the event alone', () => {
  const event = buildEvent({ kind: 'post_task', event_id: 'ev1', labels: { a: 'b' } }, 1.5);
  const payload = toPayload(event);
  assert.deepEqual(Object.keys(payload), ['event_id', 'kind', 'title', 'body', 'severity', 'task_id', 'session_id', 'run_id', 'timestamp', 'labels', 'details']);
  assert.equal(payload.event_id, 'ev1');
  assert.equal(payload.kind, 'post_task');
  payload.labels.a = 'changed';
  assert.equal(event.labels.a, 'b');
});
same(3, 'the outcome values delivered, deduplicated, failed_retrying, failed_permanent exist', () => {
  for (const name of ['delivered', 'deduplicated', 'failed_permanent']) assert.ok((OUTCOMES as readonly string[]).includes(name), name);
  // failed_retrying is an audit-only outcome in both systems
  const retrying: import('../../src/dispatch/outcome.js').OutcomeName = 'failed_retrying';
  assert.equal(retrying, 'failed_retrying');
});
differ(4, 'NotificationPermanentError subclasses NotificationDeliveryError', 'a Python class hierarchy; Herald has two sibling classes between a sink and the dispatcher, and plugins mark errors with `permanent: true` (docs/sinks.md Plugins)');
same(5, 'a duck-typed object with deliver/close is accepted as a sink (Herald: a plugin module)', async () => {
  const plugin = `export default { kind: 'duck', create() { return { async deliver() {}, async close() {} }; } };\n`;
  const herald = await openTestHerald('notifications:\n  plugins: [./duck.mjs]\n  sinks:\n    - {id: d, kind: duck}\n', { files: { 'duck.mjs': plugin } });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
});

// ---- tests/unit/notifications/test_config.py (6) ----
differ(6, 'an absent block gives enabled == false and no sinks', 'Herald honours `enabled` (Bernstein validated and ignored it), so an empty block is enabled with no sinks: nothing is sent either way (README: "enabled … take effect")');
same(7, 'a slack + email_smtp config with retry.max_attempts 5 parses, ids in order', () => {
  const config = parse(`notifications:\n  retry: {max_attempts: 5}\n  sinks:\n    - {id: s, kind: slack, webhook_url: "https://hooks.example.org/x"}\n    - {id: m, kind: email_smtp, host: smtp.example.org, from_addr: a@example.org, to_addrs: [b@example.org]}\n`);
  assert.equal(config.block.retry.max_attempts, 5);
  assert.deepEqual(config.sinks.map((s) => s.config.id), ['s', 'm']);
});
same(8, 'events: ["not_a_real_event"] is rejected with "unknown event"', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: a, kind: console, events: [not_a_real_event]}\n'), /unknown event/);
});
same(9, 'severities: ["whatever"] is rejected with "unknown severity"', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: a, kind: console, severities: [whatever]}\n'), /unknown severity/);
});
same(10, 'two sinks with one id (different kinds) are rejected with "duplicate sink id"', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: a, kind: console}\n    - {id: a, kind: file, path: x.jsonl}\n'), /duplicate sink id/);
});
same(11, 'a non-mapping block is rejected (Herald: a configuration error, not a TypeError)', () => {
  assert.match(configMessage('notifications: [1, 2, 3]\n'), /notifications block must be a mapping, got list/);
});

// ---- tests/unit/notifications/test_registry.py (7) ----
same(12, 'the builtin kinds include telegram, slack, discord, email_smtp, webhook, shell', () => {
  for (const kind of ['telegram', 'slack', 'discord', 'email_smtp', 'webhook', 'shell']) assert.ok(registry.has(kind), kind);
});
differ(13, 'a live sink registered by id comes back as the same instance', 'a Python registry of live objects; Herald builds its sinks from the config only (no programmatic sink registry)');
same(14, 'registering a second driver of an existing kind is refused', async () => {
  const fresh = await new SinkRegistry().load(['slack']);
  assert.throws(() => fresh.addPlugin({ ...fresh.get('slack')!, kind: 'slack' }), /already a builtin/);
});
same(15, 'an unknown kind names the available ones', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: a, kind: stubdrv}\n'), /unknown sink kind 'stubdrv'[\s\S]*available: /);
});
differ(16, 'a custom factory receives the entire config dict (id, kind, extra keys) unchanged', 'Herald plugins receive their `options` and declared keys, already `${VAR}`-resolved, with the id in `info` (docs/sinks.md Plugins)');
same(17, 'a sink without an id is rejected', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {kind: console}\n'), /sinks\[0\]\.id: Field required: 'id'/);
});
same(18, 'a sink without a kind is rejected', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: a}\n'), /sinks\[0\]\.kind: Field required: every sink needs a non-empty 'kind'/);
});

// ---- tests/unit/notifications/test_dispatcher.py (10) ----
same(19, 'a delivery is audited with outcome delivered and the sink id', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const herald = await openTestHerald(`notifications:\n  audit: {key: "${auditKey}"}\n  sinks:\n    - {id: alpha, kind: webhook, url: "${receiver.url}/a"}\n`, { persistState: true });
  const [outcome] = await herald.send([testEvent()]);
  const lines: Record<string, any>[] = [];
  for await (const line of herald.store.readAudit()) lines.push(JSON.parse(line.text));
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(receiver.requests.length, 1);
  assert.equal(lines.at(-1)!.details.outcome, 'delivered');
  assert.equal(lines.at(-1)!.details.sink_id, 'alpha');
});
same(20, 'two transient failures then success: 3 deliveries, growing sleeps, failed_retrying ×2 then delivered', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  receiver.script([{ status: 503 }, { status: 503 }]);
  t.after(() => receiver.close());
  const sleeps: number[] = [];
  const herald = await openTestHerald(`notifications:\n${fast}  audit: {key: "${auditKey}"}\n  sinks:\n    - {id: alpha, kind: webhook, url: "${receiver.url}/a"}\n`, { persistState: true, context: { sleep: async (ms: number) => void sleeps.push(ms) } });
  const [outcome] = await herald.send([testEvent()]);
  const audited = await auditOutcomes(herald);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  assert.equal(receiver.requests.length, 3);
  assert.equal(sleeps.length, 2);
  assert.ok(sleeps[1]! > sleeps[0]!, `sleeps ${sleeps}`);
  assert.deepEqual(audited, ['failed_retrying', 'failed_retrying', 'delivered']);
});
same(21, 'a permanent error: one attempt, a dead letter with reason "permanent…", audit failed_permanent', async (t) => {
  const receiver = await startReceiver({ status: 404 });
  t.after(() => receiver.close());
  const herald = await openTestHerald(`notifications:\n${fast}  audit: {key: "${auditKey}"}\n  sinks:\n    - {id: alpha, kind: webhook, url: "${receiver.url}/a"}\n`, { persistState: true });
  const [outcome] = await herald.send([testEvent()]);
  const letters = await herald.store.listDeadLetters();
  const audited = await auditOutcomes(herald);
  const file = await readFile(join(herald.dir, '.herald/state/dead_letter.jsonl'), 'utf8');
  await herald.close();
  assert.equal(receiver.requests.length, 1);
  assert.equal(outcome!.attempts, 1);
  assert.match(letters[0]!.reason, /^permanent:/);
  assert.match(file, /"reason": "permanent:/);
  assert.equal(audited.at(-1), 'failed_permanent');
});
same(22, 'retries exhausted: a dead letter whose reason starts "retries_exhausted"', async (t) => {
  const receiver = await startReceiver({ status: 503 });
  t.after(() => receiver.close());
  const herald = await openTestHerald(`notifications:\n  retry: {max_attempts: 2, initial_delay_ms: 1, jitter: 0}\n  sinks:\n    - {id: alpha, kind: webhook, url: "${receiver.url}/a"}\n`, { persistState: true });
  const [outcome] = await herald.send([testEvent()]);
  const letters = await herald.store.listDeadLetters();
  await herald.close();
  assert.equal(receiver.requests.length, 2);
  assert.notEqual(outcome!.outcome, 'delivered');
  assert.match(letters[0]!.reason, /^retries_exhausted:/);
});
same(23, 'the same event twice: delivered, then deduplicated, one delivery', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const herald = await openTestHerald(`notifications:\n  sinks:\n    - {id: alpha, kind: webhook, url: "${receiver.url}/a"}\n`, { persistState: true });
  const [first] = await herald.send([testEvent()]);
  const [second] = await herald.send([testEvent()]);
  await herald.close();
  assert.deepEqual([first!.outcome, second!.outcome], ['delivered', 'deduplicated']);
  assert.equal(receiver.requests.length, 1);
});
same(24, 'a plain exception from a sink is transient: called max_attempts times', async () => {
  const plugin = `import { appendFileSync } from 'node:fs';\nexport default { kind: 'boom', create(o, info) { return { async deliver() { appendFileSync(info.baseDir + '/calls', 'x'); throw new Error('RuntimeError'); } }; } };\n`;
  const herald = await openTestHerald('notifications:\n  retry: {max_attempts: 2, initial_delay_ms: 1, jitter: 0}\n  plugins: [./boom.mjs]\n  sinks:\n    - {id: b, kind: boom}\n', { files: { 'boom.mjs': plugin } });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(await readFile(join(herald.dir, 'calls'), 'utf8'), 'xx');
  assert.notEqual(outcome!.outcome, 'delivered');
});
same(25, 'dead-letter rotation: 20 appends through a 64-byte limit make rotated files', async () => {
  const dir = await tempDir();
  const store = new DirStore(dir, { windowMs: 60_000, lruSize: 2048 }, quiet, 64);
  for (let i = 0; i < 20; i++) await store.addDeadLetter({ id: `dl-${i}`, sink_id: 's', event: buildEvent({ kind: 'post_task', event_id: `e${i}` }, 1), reason: 'permanent:x', ts: 1 + i, attempts: 1 });
  await store.close();
  assert.ok((await readdir(dir)).some((n) => n.startsWith('dead_letter.jsonl.')));
});
same(26, 'dedup window 10 s: seen at t=1005, not at t=1100', async () => {
  const store = new DirStore(await tempDir(), { windowMs: 10_000, lruSize: 16 }, quiet);
  await store.claim('s', 'e', 1_000_000);
  await store.confirm('s', 'e', 1_000_000);
  assert.equal(await store.claim('s', 'e', 1_005_000), 'seen');
  assert.equal(await store.claim('s', 'e', 1_100_000), 'new');
  await store.close();
});
same(27, 'dedup persists across instances on the same file', async () => {
  const dir = await tempDir();
  const first = new DirStore(dir, { windowMs: 60_000, lruSize: 16 }, quiet);
  await first.claim('s', 'e', 1000);
  await first.confirm('s', 'e', 1000);
  await first.close();
  const second = new DirStore(dir, { windowMs: 60_000, lruSize: 16 }, quiet);
  assert.equal(await second.claim('s', 'e', 2000), 'seen');
  await second.close();
});
same(28, 'retry delay is capped: initial 1000, factor 10, cap 5000 → 5.0 s at n=3', () => {
  assert.equal(backoffDelayMs(3, { max_attempts: 3, initial_delay_ms: 1000, backoff_factor: 10, max_delay_ms: 5000, jitter: 0 } as never, () => 0.5), 5000);
});

// ---- tests/unit/notifications/test_sinks_http.py (10) ----
async function deliverTo(kind: string, keys: string, event = testEvent()) {
  const receiver = await startReceiver({ status: 200 });
  const herald = await openTestHerald(`notifications:\n  sinks:\n    - {id: s, kind: ${kind}, digest: false, ${keys.replace('URL', receiver.url + '/hook')}}\n`);
  const [outcome] = await herald.send([event]);
  await herald.close();
  await receiver.close();
  return { outcome: outcome!, request: receiver.requests[0]! };
}
same(29, 'slack: the text holds *hello* and world', async () => {
  const { request } = await deliverTo('slack', 'webhook_url: "URL"', testEvent({ title: 'hello', body: 'world' }));
  const text = (request.json as { text: string }).text;
  assert.match(text, /\*hello\*/);
  assert.match(text, /world/);
});
same(30, 'discord: a warning is coloured 0xF1C40F', async () => {
  const { request } = await deliverTo('discord', 'webhook_url: "URL"', testEvent({ severity: 'warning' }));
  assert.equal((request.json as { embeds: { color: number }[] }).embeds[0]!.color, 0xf1c40f);
});
same(31, 'webhook: the X-T header and the payload (event_id, kind) arrive', async () => {
  const { request } = await deliverTo('webhook', 'url: "URL", headers: {X-T: abc}', testEvent({ event_id: 'ev-http' }));
  assert.equal(request.headers['x-t'], 'abc');
  assert.deepEqual([(request.json as { event_id: string }).event_id, (request.json as { kind: string }).kind], ['ev-http', 'post_task']);
});
const classify = (status: number) => {
  try {
    classifyHttpResponse({ status, headers: {}, text: '' }, 'http://x', 0);
  } catch (error) {
    return error as Error;
  }
  return undefined;
};
same(32, 'http 503 is transient and names 503', () => {
  const error = classify(503)!;
  assert.ok(error instanceof TransientError);
  assert.match(error.message, /503/);
});
same(33, 'http 404 is permanent and names 404', () => {
  const error = classify(404)!;
  assert.ok(error instanceof PermanentError);
  assert.match(error.message, /404/);
});
same(34, 'http 429 is transient and names 429', () => {
  const error = classify(429)!;
  assert.ok(error instanceof TransientError);
  assert.match(error.message, /429/);
});
same(35, 'slack requires webhook_url', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: s, kind: slack}\n'), /webhook_url/);
});
same(36, 'discord requires webhook_url', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: d, kind: discord}\n'), /webhook_url/);
});
same(37, "webhook requires 'url' (quoted)", () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: w, kind: webhook}\n'), /'url'/);
});
same(38, 'slack resolves webhook_url: ${MY_HOOK} from the environment', () => {
  const config = parse('notifications:\n  sinks:\n    - {id: s, kind: slack, webhook_url: "${MY_HOOK}"}\n', { MY_HOOK: 'https://hooks.example.org/T/B/x' });
  assert.equal((config.sinks[0]!.config as unknown as { webhook_url: string }).webhook_url, 'https://hooks.example.org/T/B/x');
});

// ---- tests/unit/notifications/test_sinks_email.py (5) ----
const mailSink = (port: number, extra: string) => `notifications:\n  retry: {max_attempts: 2, initial_delay_ms: 1, jitter: 0}\n  sinks:\n    - {id: m, kind: email_smtp, host: 127.0.0.1, port: ${port}, from_addr: a@example.org, to_addrs: [b@example.org]${extra}}\n`;
same(39, 'email: STARTTLS, login (u, p), one message with the title in Subject and X-Bernstein-Event-Id', async (t) => {
  const cert = await selfSignedCertificate();
  const smtp = await startSmtp({ tls: cert, users: { u: 'p' } });
  t.after(() => smtp.close());
  const herald = await openTestHerald(mailSink(smtp.port, `, username: u, password: p, tls_ca_bundle: "${cert.certPath}"`));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered', outcome!.error);
  assert.equal(smtp.mails.length, 1);
  assert.equal(smtp.mails[0]!.secure, true);
  assert.equal(smtp.mails[0]!.user, 'u');
  const { headers } = parseMail(smtp.mails[0]!.raw);
  assert.match(headers.subject!, /Task failed: t-1/);
  assert.equal(headers['x-bernstein-event-id'], 'ev-1');
});
same(40, 'email: an auth failure is permanent ("auth failed")', async (t) => {
  const smtp = await startSmtp({ users: { u: 'right' } });
  t.after(() => smtp.close());
  const herald = await openTestHerald(mailSink(smtp.port, ', starttls: false, username: u, password: wrong'));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /auth failed/);
});
same(41, 'email: a server that disconnects is transient (retried)', async (t) => {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as { port: number }).port;
  const herald = await openTestHerald(mailSink(port, ', starttls: false'));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.attempts, 2, outcome!.error);
});
same(42, 'email: to_addrs: [] is rejected naming to_addrs', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: m, kind: email_smtp, host: h, from_addr: a@example.org, to_addrs: []}\n'), /to_addrs/);
});
same(43, 'email: a missing host is rejected naming host', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: m, kind: email_smtp, from_addr: a@example.org, to_addrs: [b@example.org]}\n'), /host/);
});

// ---- tests/unit/notifications/test_sinks_shell_telegram.py (9) ----
const shellSink = (command: string, extra = '') => `notifications:\n  retry: {max_attempts: 2, initial_delay_ms: 1, jitter: 0}\n  sinks:\n    - {id: sh, kind: shell, cwd: ., command: ${command}${extra}}\n`;
same(44, 'shell: the child reads the payload on stdin (ev-shell, post_task)', async () => {
  const herald = await openTestHerald(shellSink('["sh", "-c", "cat > out.json"]'));
  await herald.send([testEvent({ event_id: 'ev-shell' })]);
  await herald.close();
  const text = await readFile(join(herald.dir, 'out.json'), 'utf8');
  assert.match(text, /ev-shell/);
  assert.match(text, /post_task/);
});
same(45, 'shell: a missing binary is permanent ("not found")', async () => {
  const herald = await openTestHerald(shellSink('["/nonexistent/binary-xyz"]'));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /not found/);
});
same(46, 'shell: exit 2 is transient ("exited 2")', async () => {
  const herald = await openTestHerald(shellSink('["sh", "-c", "exit 2"]'));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.attempts, 2);
  assert.match(outcome!.error!, /exited 2/);
});
same(47, 'shell: exit 7 with non_zero_exit_is_permanent is permanent ("exited 7")', async () => {
  const herald = await openTestHerald(shellSink('["sh", "-c", "exit 7"]', ', non_zero_exit_is_permanent: true'));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /exited 7/);
});
same(48, 'shell: command: [] is rejected naming command', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: sh, kind: shell, command: []}\n'), /command/);
});
differ(49, 'telegram: the bridge receives ("-100", "title\\n\\nbody")', 'Herald calls sendMessage directly with HTML parse mode and the title in <b> (docs/sinks.md "Compatibility with Bernstein": Telegram); there is no in-process bridge');
same(50, 'telegram: a failure from the service is transient (retried)', async (t) => {
  const receiver = await startReceiver({ status: 500, json: { ok: false, description: 'boom' } });
  t.after(() => receiver.close());
  const herald = await openTestHerald(`notifications:\n  retry: {max_attempts: 2, initial_delay_ms: 1, jitter: 0}\n  sinks:\n    - {id: tg, kind: telegram, token: "123:abc", chat_id: "-100", api_base_url: "${receiver.url}", digest: false}\n`);
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(receiver.requests.length, 2);
  assert.notEqual(outcome!.outcome, 'delivered');
});
same(51, 'telegram requires chat_id', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: tg, kind: telegram, token: "123:abc"}\n'), /chat_id/);
});
same(52, 'telegram without a transport is rejected naming the token', () => {
  assert.match(configMessage('notifications:\n  sinks:\n    - {id: tg, kind: telegram, chat_id: "-100"}\n'), /token/);
});

// ---- tests/integration/notifications/test_lifecycle_bridge.py (4) ----
same(53, 'a post_task for t-99 / s-1 reaches a post_task sink once, titled "Task finished…"', async () => {
  const herald = await openTestHerald('notifications:\n  sinks:\n    - {id: mem, kind: file, path: out.jsonl, events: [post_task]}\n');
  await herald.send([buildEvent({ kind: 'post_task', task_id: 't-99', session_id: 's-1' }, 1000)]);
  await herald.close();
  const lines = (await readFile(join(herald.dir, 'out.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  assert.equal(lines.length, 1);
  assert.deepEqual([lines[0]!.kind, lines[0]!.task_id, lines[0]!.session_id], ['post_task', 't-99', 's-1']);
  assert.match(lines[0]!.title!, /^Task finished/);
});
same(54, 'a sink subscribed only to post_merge receives nothing from a post_task', async () => {
  const herald = await openTestHerald('notifications:\n  sinks:\n    - {id: mem, kind: file, path: out.jsonl, events: [post_merge]}\n');
  const [outcome] = await herald.send([buildEvent({ kind: 'post_task', task_id: 't-99' }, 1000)]);
  await herald.close();
  assert.equal(outcome!.outcome, 'filtered');
  await assert.rejects(readFile(join(herald.dir, 'out.jsonl')));
});
differ(55, 'building the bridge creates dead_letter.jsonl even with no sinks', 'Herald writes state files when it first has something to keep (never on a dry run or a read-only command), so a run that fails nothing leaves no empty file');
differ(56, 'attach_to_registry subscribes every default lifecycle hook', "Bernstein's in-process HookRegistry; Herald's front doors (send, exec, the Action) build the lifecycle events themselves");

// ---- tests/unit/test_notifications.py (8, legacy) ----
differ(57, 'legacy email target: SMTP(host, 587) without timeout, Subject equals the title', 'the legacy NotificationManager is not carried over; the email_smtp sink (with a timeout and `[bernstein <severity>]` subjects) replaces it');
differ(58, 'legacy desktop notification with terminal-notifier on macOS', 'desktop notifications are not a Herald sink (CI runners and servers have no desktop)');
differ(59, 'legacy desktop notification with notify-send on Linux', 'desktop notifications are not a Herald sink');
differ(60, 'legacy desktop notification is a no-op without a notifier', 'desktop notifications are not a Herald sink');
same(61, 'PagerDuty payload: routing_key, trigger, dedup_key, source, severity critical, component, summary', async (t) => {
  const receiver = await startReceiver({ status: 202 });
  t.after(() => receiver.close());
  const herald = await openTestHerald(`notifications:\n  sinks:\n    - {id: pd, kind: pagerduty, routing_key: rk, url: "${receiver.url}/enqueue", source: bernstein, component: orchestrator, dedup_key: "bernstein:incident.critical"}\n`);
  await herald.send([testEvent({ severity: 'critical', title: 'Critical failure: 75% of tasks failing' })]);
  await herald.close();
  const body = receiver.requests[0]!.json as Record<string, any>;
  assert.equal(body.routing_key, 'rk');
  assert.equal(body.event_action, 'trigger');
  assert.equal(body.dedup_key, 'bernstein:incident.critical');
  assert.equal(body.payload.source, 'bernstein');
  assert.equal(body.payload.severity, 'critical');
  assert.equal(body.payload.component, 'orchestrator');
  assert.match(body.payload.summary, /Critical failure: 75% of tasks failing/);
});
differ(62, 'legacy PagerDuty severity by event name (task.failed → warning, budget.exhausted → critical…)', 'Herald maps by the event severity (info/warning/error/critical, `severity_map` to change it), not by legacy event names');
differ(63, 'legacy PagerDuty POST: the exact envelope with custom_details {} and timeout 10.0', 'the pagerduty sink adds `timestamp` and `class` and scopes the dedup key to the task by default (docs/sinks.md "Compatibility with Bernstein": PagerDuty)');
differ(64, 'legacy PagerDuty without a routing key makes no request', 'a pagerduty sink without routing_key is a configuration error naming the key: nothing fails quietly');

test('the compatibility figure in the README is this file\'s count', async () => {
  assert.equal(reproduced.length + differs.length + pendingCases.length, TOTAL, 'every upstream test has a case');
  assert.equal(new Set([...reproduced, ...differs, ...pendingCases]).size, TOTAL);
  const figure = `${reproduced.length} of ${TOTAL} behaviours of Bernstein's test checklist reproduced`;
  console.log(`Bernstein: ${figure}; ${differs.length} differ on purpose; ${pendingCases.length} pending`);
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(figure), `README must state: "${figure}"`);
});
