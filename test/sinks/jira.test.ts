import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver, type ReceivedRequest } from '../support/receiver.js';
import { assertGolden, openTestHerald, testEvent } from '../support/herald.js';

// A Jira double: search answers from the issues created so far, by label.
const created: { key: string; labels: string[] }[] = [];
const receiver = await startReceiver((req: ReceivedRequest) => {
  if (req.path === '/rest/api/3/search/jql') {
    const jql = (req.json as { jql: string }).jql;
    const issues = created.filter((i) => i.labels.some((l) => jql.includes(`labels = "${l}"`))).map((i) => ({ id: '1', key: i.key }));
    return { status: 200, json: { issues, isLast: true } };
  }
  if (req.path === '/rest/api/3/issue') {
    const key = `OPS-${created.length + 1}`;
    created.push({ key, labels: (req.json as { fields: { labels: string[] } }).fields.labels });
    return { status: 201, json: { id: '10000', key, self: 'x' } };
  }
  if (/^\/rest\/api\/3\/issue\/OPS-\d+\/comment$/.test(req.path)) return { status: 201, json: { id: 'c1' } };
  return { status: 404, json: { errorMessages: ['not found'] } };
});
after(() => receiver.close());

const config = (extra = '') => `notifications:
  sinks:
    - id: jira
      kind: jira
      base_url: ${receiver.url}
      project: OPS
      issue_type: Bug
      email: bot@example.org
      api_token: \${JIRA_TOKEN}
${extra}`;

test('creates one issue with an ADF description, then comments instead of opening a twin', async () => {
  receiver.requests.length = 0;
  created.length = 0;
  const herald = await openTestHerald(config(), { env: { JIRA_TOKEN: 'jira-api-token-1234' } });
  const outcomes = await herald.send([testEvent({ event_id: 'j1', body: 'first line\nsecond\n\nnext paragraph' }), testEvent({ event_id: 'j2', body: 'again' })]);
  await herald.close();
  assert.deepEqual(outcomes.map((o) => o.outcome), ['delivered', 'delivered']);
  assert.deepEqual(receiver.requests.map((r) => r.path), ['/rest/api/3/search/jql', '/rest/api/3/issue', '/rest/api/3/search/jql', '/rest/api/3/issue/OPS-1/comment']);
  assert.equal(receiver.requests[1]!.headers.authorization, `Basic ${Buffer.from('bot@example.org:jira-api-token-1234').toString('base64')}`);
  await assertGolden(import.meta.url, 'jira-issue', receiver.requests[1]!.json);
  const search = receiver.requests[0]!.json as { jql: string };
  assert.match(search.jql, /^project = "OPS" AND labels = "herald-[0-9a-f]{16}" AND statusCategory != Done/);
  assert.equal(created.length, 1);
});

test('on_duplicate: skip creates nothing for an open incident; bearer auth is sent as such', async () => {
  receiver.requests.length = 0;
  created.length = 0;
  const herald = await openTestHerald(config('      on_duplicate: skip\n      bearer_token: pat-token-abcdef\n'), { env: { JIRA_TOKEN: 'jira-api-token-1234' } });
  await herald.send([testEvent({ event_id: 'k1' }), testEvent({ event_id: 'k2' })]);
  await herald.close();
  assert.deepEqual(receiver.requests.map((r) => r.path), ['/rest/api/3/search/jql', '/rest/api/3/issue', '/rest/api/3/search/jql']);
  assert.equal(receiver.requests[0]!.headers.authorization, 'Bearer pat-token-abcdef');
});

test('missing credentials are a configuration error naming the key', async () => {
  await assert.rejects(
    openTestHerald(`notifications:
  sinks:
    - id: jira
      kind: jira
      base_url: https://x.atlassian.net
      project: OPS
`),
    (error: Error & { describe?: () => string }) => /sinks\[0\]\.api_token: jira sink requires 'email' and 'api_token'/.test(error.describe?.() ?? ''),
  );
});
