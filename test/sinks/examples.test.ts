// examples/sinks/<kind>.yml as shipped, for the sinks added in issue 16: each loads with its
// variables set, renders an event for its service, and keeps its secret out of the rendering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { openTestHerald, testEvent } from '../support/herald.js';

const SECRET = 'Example-s3cret-value-123';
const cases: { kind: string; env: Record<string, string>; target: RegExp }[] = [
  { kind: 'matrix', env: { MATRIX_ACCESS_TOKEN: SECRET }, target: /^PUT https:\/\/matrix\.example\.org\/_matrix\/client\/v3\/rooms\/!AbCdEfGhIjKl%3Aexample\.org\/send\/m\.room\.message\/herald-/ },
  { kind: 'zulip', env: { ZULIP_API_KEY: SECRET }, target: /^POST https:\/\/example\.zulipchat\.com\/api\/v1\/messages$/ },
  { kind: 'gotify', env: { GOTIFY_APP_TOKEN: SECRET }, target: /^POST https:\/\/gotify\.example\.org\/message$/ },
  { kind: 'pushover', env: { PUSHOVER_APP_TOKEN: SECRET, PUSHOVER_USER_KEY: `${SECRET}-user` }, target: /^POST https:\/\/api\.pushover\.net\/1\/messages\.json$/ },
];

for (const { kind, env, target } of cases) {
  test(`examples/sinks/${kind}.yml loads and renders as shipped`, async () => {
    const herald = await openTestHerald(readFileSync(join(ROOT, 'examples', 'sinks', `${kind}.yml`), 'utf8'), { env });
    const [rendered] = herald.render([testEvent()]);
    await herald.close();
    assert.equal(herald.config.sinks[0]!.config.kind, kind);
    assert.match(rendered!.message!.target, target);
    assert.ok(!JSON.stringify(rendered).includes(SECRET), 'no credential in the rendering');
  });
}
