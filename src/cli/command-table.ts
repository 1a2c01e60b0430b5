// Which module registers which top-level command. Each is imported when its command runs, so a
// command pays only for its own code (the CLI's start-up is most of a short `herald send`).
import type { Command } from 'commander';
import { registerIndex, type CommandName } from './command-index.js';

export type Register = (program: Command) => void;

// In help order. `usr-events` has two modules (its `watch` alias and its `send`).
const TABLE: [name: CommandName, load: () => Promise<Register>][] = [
  ['send', async () => (await import('./send.js')).registerSend],
  ['list', async () => (await import('./list.js')).registerList],
  ['test', async () => (await import('./test.js')).registerTest],
  ['render', async () => (await import('./render.js')).registerRender],
  ['validate', async () => (await import('./validate.js')).registerValidate],
  ['dlq', async () => (await import('./dlq.js')).registerDlq],
  ['state', async () => (await import('./state.js')).registerState],
  ['audit', async () => (await import('./audit.js')).registerAudit],
  ['exec', async () => (await import('./exec.js')).registerExec],
  ['watch', async () => (await import('./watch.js')).registerWatch],
  ['usr-events', async () => (await import('./watch.js')).registerWatch],
  ['usr-events', async () => (await import('./usr-events-send.js')).registerUsrEventsSend],
  ['setup', async () => (await import('./setup.js')).registerSetup],
  ['profile', async () => (await import('./profile.js')).registerProfile],
  ['spool', async () => (await import('./spool.js')).registerSpool],
];

/** The registrations a command line needs: its command's; none for `--version`; the command
 *  index for the top-level help (or no arguments: commander prints the help); every one for
 *  `help <command>` or a misspelt command (so commander can suggest the nearest). */
export async function commandsFor(argv: string[]): Promise<Register[]> {
  const first = argv[0];
  if (first === '--version' || first === '-V') return [];
  if (argv.length === 0 || (argv.length === 1 && ['--help', '-h', 'help'].includes(first!))) return [registerIndex];
  const own = TABLE.filter(([name]) => name === first);
  const wanted = own.length ? own : TABLE;
  const registers = await Promise.all(wanted.map(([, load]) => load()));
  return [...new Set(registers)]; // `watch` and `usr-events` share registerWatch
}
