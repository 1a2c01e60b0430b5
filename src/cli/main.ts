// `herald`'s commands and its one error boundary. User mistakes exit 2 with a message, never a
// stack trace; HERALD_DEBUG=1 shows the stack of an unexpected failure.
import { HERALD_VERSION } from '../core/version.js';
import { Command, CommanderError } from 'commander';
import { isUserError } from '../core/errors.js';
import { commandsFor, type Register } from './command-table.js';
import { isTerminal, writeErr, writeOut } from '../core/std-output.js';

export function buildProgram(registers: Register[]): Command {
  const program = new Command('herald')
    .description('Notifications from CI runs and batch jobs: filtered, deduplicated, retried, dead-lettered.')
    .version(process.env.HERALD_VERSION ?? HERALD_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // Commander writes through the streams, and asks them for a width and colours: through the
  // descriptors instead (std-output.ts), with the stream asked only when it is a terminal.
  // Subcommands inherit this. Herald's help has no colours, so a pipe gets none (FORCE_COLOR aside).
  const commanderDefaults = program.configureOutput();
  program.configureOutput({
    writeOut,
    writeErr,
    // (commander's own width is undefined for a pipe too, though its type says number)
    getOutHelpWidth: () => (isTerminal(1) ? commanderDefaults.getOutHelpWidth?.() : undefined) as number,
    getErrHelpWidth: () => (isTerminal(2) ? commanderDefaults.getErrHelpWidth?.() : undefined) as number,
    getOutHasColors: () => isTerminal(1) && Boolean(commanderDefaults.getOutHasColors?.()),
    getErrHasColors: () => isTerminal(2) && Boolean(commanderDefaults.getErrHasColors?.()),
  });
  for (const register of registers) register(program);
  program.commands.forEach(function exitOverrideEverywhere(command: Command): void {
    command.exitOverride();
    command.commands.forEach(exitOverrideEverywhere);
  });
  return program;
}

/** Runs one command line; returns the exit status (tests run it in-process, the bin runs it once). */
export async function main(argv: string[]): Promise<number> {
  try {
    // Only the command that runs is loaded: `--version` or `send` does not evaluate the rest.
    const program = buildProgram(await commandsFor(argv));
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2; // commander has printed the message already
    }
    if (isUserError(error)) {
      writeErr(`herald: ${error.describe()}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeErr(`herald: unexpected failure: ${message}\n`);
    if (process.env.HERALD_DEBUG && error instanceof Error) writeErr(`${error.stack}\n`);
    else writeErr('  (set HERALD_DEBUG=1 for details, and please report it)\n');
    return 1;
  }
}
