// Options and plumbing shared by the commands.
import type { Command } from 'commander';
import type { Herald } from '../herald.js';
import { openConfig, type OpenedConfig } from '../open-config.js';
import { pythonJson } from '../core/python-format.js';
import { writeErr } from '../core/std-output.js';

export interface CommonFlags {
  config?: string;
  stateDir?: string;
  state?: string;
  json?: boolean;
  tlsCaBundle?: string;
  quiet?: boolean;
}

export function withCommonOptions(command: Command): Command {
  return command
    .option('--config <path>', 'config file (default: HERALD_CONFIG, herald.yml, herald.yaml, .github/herald.yml, bernstein.yaml)')
    .option('--state-dir <dir>', 'state directory (default: HERALD_STATE_DIR or .herald/state)')
    .option('--state <backend>', 'state backend: dir, none, or a redis:// URL')
    .option('--tls-ca-bundle <path>', 'extra CA certificates for HTTPS (also SSL_CERT_FILE, NODE_EXTRA_CA_CERTS)')
    .option('--json', 'one JSON object per line on stdout')
    .option('-q, --quiet', 'print only warnings and errors on stderr');
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export async function openHerald(flags: CommonFlags, extra: { allowDefault?: boolean; tolerateMissing?: boolean; sinks?: Record<string, unknown>[] } = {}): Promise<Herald> {
  // Loaded here, not imported above: `validate` and `list` read the config alone (openConfigOnly)
  // and never load the state stores, the HTTP client or the dispatcher.
  const { createHerald } = await import('../herald.js');
  return withOutputFlags(
    flags,
    await createHerald({
      sinks: extra.sinks,
      config: flags.config,
      state: { stateDir: flags.stateDir, state: flags.state },
      caBundle: flags.tlsCaBundle,
      allowDefault: extra.allowDefault,
      tolerateMissing: extra.tolerateMissing,
    }),
  );
}

/** The config alone, judged as openHerald judges it, with unset ${VAR}s reported, not fatal:
 *  for the commands that only read it (`validate`, `list`). */
export async function openConfigOnly(flags: CommonFlags): Promise<OpenedConfig> {
  return withOutputFlags(flags, await openConfig({ config: flags.config, state: { stateDir: flags.stateDir, state: flags.state }, caBundle: flags.tlsCaBundle, tolerateMissing: true }));
}

function withOutputFlags<T extends Pick<Herald, 'ctx'>>(flags: CommonFlags, opened: T): T {
  // --json: stdout carries JSON lines only; a console sink prints on stderr instead.
  if (flags.json) opened.ctx.sinkOutput = (line) => void writeErr(`${opened.ctx.redactor.redact(line)}\n`);
  if (flags.quiet) opened.ctx.log.info = () => undefined;
  return opened;
}

/** Writes one JSON line through the redactor (Python separators, as Bernstein's CLI prints). */
export function printJsonLine(herald: Pick<Herald, 'ctx'>, value: unknown, python = false): void {
  herald.ctx.stdout(python ? pythonJson(value, { ensureAscii: false }) : JSON.stringify(value));
}
