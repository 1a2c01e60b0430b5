// `herald --help` lists the commands from their index without loading any command's code; the
// list must read exactly as it would with every command loaded, and the help of one command, a
// misspelt one and the bare `herald` keep working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProgram, main } from '../../src/cli/main.js';
import { commandsFor } from '../../src/cli/command-table.js';
import { registerIndex } from '../../src/cli/command-index.js';
import { redirectOutput } from '../../src/core/std-output.js';

test('the command index gives the same top-level help as every command registered', async () => {
  const everything = await commandsFor(['no-such-command']);
  assert.ok(everything.length > 10, 'a misspelt command loads every command');
  const full = buildProgram(everything).helpInformation();
  const index = buildProgram([registerIndex]).helpInformation();
  assert.match(full, /exec \[options\] <command\.\.\.>/);
  assert.equal(index, full);
});

test('--help, -h, help and no arguments use the index; a command\'s own help loads that command', async () => {
  for (const argv of [[], ['--help'], ['-h'], ['help']]) assert.deepEqual(await commandsFor(argv), [registerIndex], argv.join(' '));
  assert.notDeepEqual(await commandsFor(['help', 'send']), [registerIndex]);
  assert.notDeepEqual(await commandsFor(['send', '--help']), [registerIndex]);
});

/** Runs main() with stdout and stderr captured. */
async function captured(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const writes = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  redirectOutput({ out: (chunk) => void (out += String(chunk)), err: (chunk) => void (out += String(chunk)) });
  try {
    return { code: await main(argv), out };
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
    redirectOutput(undefined);
  }
}

test('herald --help, help send and a misspelt command print what a user needs', async () => {
  const help = await captured(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: herald \[options\] \[command\]/);
  assert.match(help.out, /send \[options\] +send events to every configured sink/);
  const own = await captured(['help', 'send']);
  assert.match(own.out, /Usage: herald send \[options\]/);
  assert.match(own.out, /--dry-run/);
  const misspelt = await captured(['sned']);
  assert.equal(misspelt.code, 2);
  assert.match(misspelt.out, /unknown command 'sned'\n\(Did you mean send\?\)/);
});
