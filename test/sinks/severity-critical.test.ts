// Severity `critical` (issue 13 #3): Bernstein's event does not validate severity (reference §1.1)
// and delivers a `critical` event; its email subject reads `[bernstein critical]` (§3.4). Herald
// accepts it from a payload file and maps it per sink: PagerDuty `critical`, the error colour on
// Discord (Bernstein fell back to info's), `failure` on the profile webhook, and a sink filtering
// on `error` takes it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';
import { parseMail, startSmtp } from '../support/smtp.js';

// The event as a Bernstein user would hand it over: the 11-key payload (§1.1), severity critical.
const CRITICAL_EVENT = '{"event_id": "ev-crit", "kind": "post_task", "title": "Budget exhausted", "body": "", "severity": "critical", "task_id": "t-1", "session_id": null, "run_id": null, "timestamp": 1764482401.0, "labels": {}, "details": {}}';

test('a critical event from a payload file is delivered and mapped per sink', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  const smtp = await startSmtp();
  t.after(() => Promise.all([receiver.close(), smtp.close()]));
  const config = `notifications:
  retry: {max_attempts: 1}
  sinks:
    - {id: dc, kind: discord, webhook_url: "${receiver.url}/discord", digest: false}
    - {id: pd, kind: pagerduty, routing_key: rk, url: "${receiver.url}/pd"}
    - {id: errors-only, kind: webhook, url: "${receiver.url}/hook", severities: [error]}
    - {id: warnings-only, kind: webhook, url: "${receiver.url}/warn", severities: [warning]}
    - {id: mail, kind: email_smtp, host: 127.0.0.1, port: ${smtp.port}, starttls: false, from_addr: b@example.org, to_addrs: [ops@example.org]}
`;
  const dir = await workspace({ 'herald.yml': config, 'event.json': CRITICAL_EVENT });
  const sent = await runCli(['send', '--state-dir', 'state', '--payload-file', 'event.json'], { cwd: dir, source: true });
  assert.equal(sent.code, 0, sent.stderr);
  const byPath = (p: string) => receiver.requests.filter((r) => r.path === p).map((r) => r.json as Record<string, any>);
  assert.equal(byPath('/discord')[0]!.embeds[0].color, 15158332, 'the error colour');
  assert.equal(byPath('/pd')[0]!.payload.severity, 'critical');
  assert.equal(byPath('/hook')[0]!.severity, 'critical', 'a sink taking errors takes critical events');
  assert.equal(byPath('/warn').length, 0);
  assert.equal(parseMail(smtp.mails[0]!.raw).headers.subject, '[bernstein critical] Budget exhausted');
});

test('--severity critical is accepted; a filter list keeps Bernstein\'s three severities', async (t) => {
  const receiver = await startReceiver({ status: 200 });
  t.after(() => receiver.close());
  const dir = await workspace({ 'herald.yml': `notifications:\n  sinks:\n    - {id: crit, kind: webhook, url: "${receiver.url}/c", severities: [error]}\n` });
  const sent = await runCli(['send', '--state-dir', 'state', '--severity', 'critical', '--title', 'down'], { cwd: dir, source: true });
  assert.equal(sent.code, 0, sent.stderr);
  assert.equal((receiver.requests[0]!.json as { severity: string }).severity, 'critical');
  const bad = await runCli(['send', '--state-dir', 'state', '--severity', 'fatal'], { cwd: dir, source: true });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--severity must be one of info, warning, error, critical/);
});
