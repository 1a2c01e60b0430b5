import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openTestHerald, testEvent } from '../support/herald.js';
import { parseMail, startSmtp } from '../support/smtp.js';
import { selfSignedCertificate, type TestCertificate } from '../support/cert.js';

let cert: TestCertificate;
before(async () => {
  cert = await selfSignedCertificate();
});

const sink = (port: number, extra = '') => `notifications:
  retry: { max_attempts: 3, initial_delay_ms: 10 }
  sinks:
    - id: mail
      kind: email_smtp
      host: 127.0.0.1
      port: ${port}
      from_addr: herald@example.org
      to_addrs: [ops@example.org, "On Call <oncall@example.org>"]
${extra}`;

test('plain SMTP: Bernstein\'s subject, headers and body, plus Date and Message-ID', async () => {
  const smtp = await startSmtp();
  after(() => smtp.close());
  const herald = await openTestHerald(sink(smtp.port, '      starttls: false\n'));
  const [outcome] = await herald.send([testEvent({ run_id: 'r-1', body: 'line1\nline2' })]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered');
  const mail = smtp.mails[0]!;
  assert.equal(mail.from, 'herald@example.org');
  assert.deepEqual(mail.to, ['ops@example.org', 'oncall@example.org']);
  const { headers, body } = parseMail(mail.raw);
  assert.equal(headers.subject, '[bernstein error] Task failed: t-1');
  assert.equal(headers.from, 'herald@example.org');
  assert.equal(headers.to, 'ops@example.org, On Call <oncall@example.org>');
  assert.equal(headers['x-bernstein-event-id'], 'ev-1');
  assert.equal(headers['x-bernstein-event-kind'], 'post_task');
  assert.equal(headers['message-id'], '<ev-1.1700000000500@example.org>');
  assert.ok(headers.date && !Number.isNaN(Date.parse(headers.date)));
  assert.match(headers['content-type']!, /^text\/plain; charset=utf-8/);
  assert.equal(body.replace(/\n$/, ''), 'Task failed: t-1\n\nline1\nline2\n\nevent_id: ev-1\nkind: post_task\nseverity: error\ntask_id: t-1\nsession_id: s-1\nrun_id: r-1');
});

test('AUTH over STARTTLS with a self-signed certificate trusted through tls_ca_bundle', async () => {
  const smtp = await startSmtp({ tls: cert, users: { bot: 'hunter22' } });
  after(() => smtp.close());
  const herald = await openTestHerald(sink(smtp.port, `      username: bot\n      password: \${SMTP_PASSWORD}\n      tls_ca_bundle: ${cert.certPath}\n`), { env: { SMTP_PASSWORD: 'hunter22' } });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered', outcome!.error);
  assert.equal(smtp.mails[0]!.secure, true, 'the session was upgraded with STARTTLS');
  assert.equal(smtp.mails[0]!.user, 'bot');
});

test('implicit TLS with ssl: true, trusted through SSL_CERT_FILE', async () => {
  const smtp = await startSmtp({ secure: true, tls: cert });
  after(() => smtp.close());
  const herald = await openTestHerald(sink(smtp.port, '      ssl: true\n'), { env: { SSL_CERT_FILE: cert.certPath } });
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'delivered', outcome!.error);
  assert.equal(smtp.mails[0]!.secure, true);
});

test('an untrusted certificate is permanent and names the trust options', async () => {
  const smtp = await startSmtp({ tls: cert });
  after(() => smtp.close());
  const herald = await openTestHerald(sink(smtp.port));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /smtp tls error: .*tls_ca_bundle/);
});

test('a 451 is retried and then delivered; a 550 is dead-lettered at once', async () => {
  const smtp = await startSmtp();
  after(() => smtp.close());
  const herald = await openTestHerald(sink(smtp.port, '      starttls: false\n'));
  smtp.failData([451]);
  const [retried] = await herald.send([testEvent({ event_id: 'a' })]);
  smtp.failData([550]);
  const [refused] = await herald.send([testEvent({ event_id: 'b' })]);
  const letters = await herald.store.listDeadLetters();
  await herald.close();
  assert.equal(retried!.outcome, 'delivered');
  assert.equal(retried!.attempts, 2);
  assert.equal(refused!.outcome, 'dead_lettered');
  assert.equal(refused!.attempts, 1);
  assert.match(refused!.error!, /^smtp error: .*550/);
  assert.deepEqual(letters.map((l) => l.event.event_id), ['b']);
});

test('a refused login is permanent and the password never appears', async () => {
  const smtp = await startSmtp({ users: { bot: 'right-password' } });
  after(() => smtp.close());
  const herald = await openTestHerald(sink(smtp.port, '      starttls: false\n      username: bot\n      password: wrong-password\n'));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /^smtp auth failed:/);
  assert.ok(!outcome!.error!.includes('wrong-password'));
});

test('addresses are validated, booleans must be real, and `email` is an alias', async () => {
  await assert.rejects(openTestHerald(sink(25, '      starttls: "false"\n')), (e: Error & { describe(): string }) => /starttls/.test(e.describe()));
  await assert.rejects(openTestHerald(sink(25).replace('ops@example.org,', 'not-an-address,')), (e: Error & { describe(): string }) => /to_addrs\[0\]: not an email address/.test(e.describe()));
  const herald = await openTestHerald(sink(25).replace('kind: email_smtp', 'kind: email'));
  assert.equal(herald.config.sinks[0]!.definition.kind, 'email_smtp');
  await herald.close();
});

test('a server that does not offer STARTTLS fails permanently when STARTTLS is required', async () => {
  const smtp = await startSmtp();
  after(() => smtp.close());
  const herald = await openTestHerald(sink(smtp.port));
  const [outcome] = await herald.send([testEvent()]);
  await herald.close();
  assert.equal(outcome!.outcome, 'dead_lettered');
  assert.equal(outcome!.attempts, 1);
  assert.match(outcome!.error!, /STARTTLS/i);
  assert.equal(smtp.mails.length, 0);
});

test('a burst goes over one SMTP connection, and a failed one is replaced for the retry', async () => {
  const smtp = await startSmtp();
  after(() => smtp.close());
  const herald = await openTestHerald(sink(smtp.port, '      starttls: false\n      digest: false\n      rate_limit: { per_window: 100, window_ms: 1000 }\n'));
  const events = [1, 2, 3, 4].map((i) => testEvent({ event_id: `burst-${i}`, task_id: `t-${i}` }));
  const outcomes = await herald.send(events);
  assert.deepEqual(outcomes.map((o) => o.outcome), ['delivered', 'delivered', 'delivered', 'delivered']);
  assert.equal(smtp.mails.length, 4);
  assert.equal(smtp.connections(), 1, 'one connection for the whole burst');
  smtp.failData([451]);
  const [retried] = await herald.send([testEvent({ event_id: 'after-451', task_id: 't-9' })]);
  await herald.close();
  assert.equal(retried!.outcome, 'delivered');
  assert.equal(retried!.attempts, 2);
  assert.equal(smtp.connections(), 2, 'the retry after an error opens a fresh connection');
});
