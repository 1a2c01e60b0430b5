// Numbers as the input wrote them (issue 13 #8): Bernstein's Python keeps `1764482401.0` a float and
// integers beyond 2^53 exact, in the webhook body (httpx: compact), on shell stdin (json.dumps) and in
// dead letters (sorted keys). Herald's event timestamp is Bernstein's float on the wire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, workspace } from '../support/cli.js';
import { startReceiver } from '../support/receiver.js';

const EVENT = '{"event_id": "ev-n", "kind": "post_task", "title": "T", "severity": "error", "timestamp": 1764482401.0, "details": {"ts": 1764482401.0, "big": 9007199254740993, "ratio": 0.5, "n": 3}}';

test('stdin JSON keeps 1764482401.0 and 9007199254740993 in the webhook body, shell stdin and the dead letter', async (t) => {
  const ok = await startReceiver({ status: 200 });
  const gone = await startReceiver({ status: 404 });
  t.after(() => Promise.all([ok.close(), gone.close()]));
  const dir = await workspace({
    'herald.yml': `notifications:\n  sinks:\n    - {id: hook, kind: webhook, url: "${ok.url}/x"}\n    - {id: sh, kind: shell, cwd: ., command: ["sh", "-c", "cat > stdin.json"]}\n    - {id: dead, kind: webhook, url: "${gone.url}/x"}\n`,
  });
  const r = await runCli(['send', '--state-dir', 'state', '--payload-file', '-'], { cwd: dir, source: true, input: EVENT });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    ok.requests[0]!.body,
    '{"event_id":"ev-n","kind":"post_task","title":"T","body":"","severity":"error","task_id":null,"session_id":null,"run_id":null,"timestamp":1764482401.0,"labels":{},"details":{"ts":1764482401.0,"big":9007199254740993,"ratio":0.5,"n":3}}',
  );
  assert.equal(
    await readFile(join(dir, 'stdin.json'), 'utf8'),
    '{"event_id": "ev-n", "kind": "post_task", "title": "T", "body": "", "severity": "error", "task_id": null, "session_id": null, "run_id": null, "timestamp": 1764482401.0, "labels": {}, "details": {"ts": 1764482401.0, "big": 9007199254740993, "ratio": 0.5, "n": 3}}',
  );
  const letter = await readFile(join(dir, 'state', 'dead_letter.jsonl'), 'utf8');
  assert.match(letter, /"details": \{"big": 9007199254740993, "n": 3, "ratio": 0\.5, "ts": 1764482401\.0\}/);
  assert.match(letter, /"timestamp": 1764482401\.0/);
  // Replayed, the dead letter is sent with the numbers it was written with (keys sorted, as stored).
  gone.setFallback({ status: 200 });
  const replayed = await runCli(['dlq', 'replay', '--state-dir', 'state'], { cwd: dir, source: true });
  assert.equal(replayed.code, 0, replayed.stderr);
  assert.match(gone.requests.at(-1)!.body, /"timestamp":1764482401\.0,"labels":\{\},"details":\{"big":9007199254740993,"n":3,"ratio":0\.5,"ts":1764482401\.0\}\}$/);
});
