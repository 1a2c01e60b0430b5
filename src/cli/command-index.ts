// The top-level commands as `herald --help` lists them: the one place their names, usage terms and
// one-line descriptions are written. Each command's module takes its description from here, and
// the help lists them from here without loading a command's code (command-table.ts).
import { Help, type Command } from 'commander';

const COMMANDS = {
  send: { term: 'send [options]', about: 'send events to every configured sink whose filters match' },
  list: { term: 'list [options]', about: 'configured sinks, one JSON object per line' },
  test: { term: 'test [options]', about: 'send one synthetic event through one sink and report the real outcome' },
  render: { term: 'render [options]', about: 'show what each sink would receive for the given events; sends nothing' },
  validate: { term: 'validate [options]', about: 'check a config and the variables it needs; prints no secret' },
  dlq: { term: 'dlq', about: 'the dead-letter queue: list, replay, drop' },
  state: { term: 'state', about: 'inspect and move the stored state' },
  audit: { term: 'audit', about: 'the tamper-evident audit log' },
  exec: { term: 'exec [options] <command...>', about: 'run a command, notify pre_task and post_task (exit status, signal, duration), exit with its status' },
  watch: { term: 'watch [options]', about: 'tail a USR .events.log and notify (dnadesign notify compatible)' },
  'usr-events': { term: 'usr-events', about: 'USR .events.log commands' },
  setup: { term: 'setup', about: 'create dnadesign-compatible webhook refs and profiles' },
  profile: { term: 'profile', about: 'dnadesign notify profiles (v2)' },
  spool: { term: 'spool', about: 'dnadesign notify spool' },
} as const;

export type CommandName = keyof typeof COMMANDS;

/** The names, in help order. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** Top-level command `name` on `program`, with its description; made once (two modules add to `usr-events`). */
export function topCommand(program: Command, name: CommandName): Command {
  return program.commands.find((command) => command.name() === name) ?? program.command(name).description(COMMANDS[name].about);
}

/** The command list alone, for `herald --help`: each command's name and description, with the
 *  usage term its module would give it (its options and arguments are not loaded). */
export function registerIndex(program: Command): void {
  const standard = new Help();
  program.configureHelp({ subcommandTerm: (command) => COMMANDS[command.name() as CommandName]?.term ?? standard.subcommandTerm(command) });
  for (const name of COMMAND_NAMES) topCommand(program, name);
}
