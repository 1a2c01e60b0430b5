// Schemas in src/ are built with zod/mini, through src/core/zod.ts imported as `* as z` (issue 14): classic `zod` is
// evaluated whole and defines dozens of methods per schema, which was the largest piece of the
// start-up of every command that checks a config. core/zod.ts also installs zod's English messages,
// which classic installed by itself and mini does not: without them a config error would read
// "Invalid input" instead of "Invalid input: expected string, received number".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/cli.js';

const SRC = join(ROOT, 'src');
const WRAPPER = 'core/zod.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The zod modules a file imports (static, dynamic, type-only, re-exports). */
function zodImports(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](zod(?:\/[^'"]*)?)['"]/g)].map((m) => m[1]!);
}

test('no module in src/ imports classic zod; only core/zod.ts imports zod at all', () => {
  const wrong: string[] = [];
  let wrapperSeen = false;
  for (const file of sourceFiles(SRC)) {
    const name = relative(SRC, file);
    const imports = zodImports(readFileSync(file, 'utf8'));
    if (name === WRAPPER) {
      wrapperSeen = true;
      for (const spec of imports) if (spec === 'zod' || spec === 'zod/v4' || spec.startsWith('zod/v3')) wrong.push(`${name} imports '${spec}' (classic)`);
      continue;
    }
    for (const spec of imports) wrong.push(`${name} imports '${spec}': import * as z from '../core/zod.js' (zod/mini with English messages; classic zod costs start-up time, issue 14)`);
    // `{ z }` would be zod's own namespace object, re-exported, which the bundlers cannot shake
    // (all of zod goes in, ~430 KB): one form everywhere, the one known to work.
    for (const m of readFileSync(file, 'utf8').matchAll(/import\s+(type\s+)?([^'";]+?)\s+from\s+'[./]+(?:core\/)?zod\.js'/g)) {
      if (!/^\*\s+as\s+z$/.test(m[2]!.trim())) wrong.push(`${name}: import * as z from '.../core/zod.js', not ${m[2]!.trim()}`);
    }
  }
  assert.ok(wrapperSeen, `${WRAPPER} exists`);
  assert.deepEqual(wrong, []);
});

test('the checker sees an import of classic zod (it can fail)', () => {
  assert.deepEqual(zodImports(`import { z } from 'zod';\nimport type { z as y } from "zod/mini";\nawait import('zod')`), ['zod', 'zod/mini', 'zod']);
});

test('schemas built with core/zod.ts give zod\'s English messages, with classic zod never loaded', async () => {
  const { CommonSinkSchema } = await import('../../src/core/config-schema.js');
  const result = CommonSinkSchema.safeParse({ id: 5, kind: 'webhook', enabled: 'yes', retry: { max_attempts: 0 } });
  assert.equal(result.success, false);
  const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  assert.deepEqual(messages, [
    'id: Invalid input: expected string, received number',
    'enabled: Invalid input: expected boolean, received string',
    'retry.max_attempts: Too small: expected number to be >=1',
  ]);
});
