// `herald validate`: load the config, resolve every ${VAR}, report what is missing. Never prints a value.
import type { Command } from 'commander';
import { openConfigOnly, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';
import { usabilityProblem } from '../open-config.js';
import { shortSecretWarnings } from './short-secrets.js';
import { topCommand } from './command-index.js';

export function registerValidate(program: Command): void {
  withCommonOptions(topCommand(program, 'validate'))
    .action(async (flags: CommonFlags) => {
      const opened = await openConfigOnly(flags);
      const { config } = opened;
      // What send, exec and watch would refuse, judged the way they judge it.
      for (const warning of shortSecretWarnings(config, opened.ctx.env, opened.ctx.redactor)) opened.ctx.log.warn(warning);
      const problem = await usabilityProblem({ config: flags.config, state: { stateDir: flags.stateDir, state: flags.state }, caBundle: flags.tlsCaBundle });
      // A variable is required when the config cannot run without it, whatever its key's schema says.
      const required = (m: { name: string; keyPath: string; fatal: boolean }) => m.fatal || Boolean(problem?.describe().includes(m.keyPath));
      if (flags.json) {
        printJsonLine(opened, {
          config: config.file,
          ok: !problem,
          ...(problem ? { error: opened.ctx.redactor.redact(problem.describe()) } : {}),
          sinks: config.sinks.map((s) => ({ id: s.config.id, kind: s.config.kind, enabled: s.config.enabled })),
          missing: config.missing.map((m) => ({ variable: m.name, key: m.keyPath, required: required(m) })),
        });
      } else {
        opened.ctx.stdout(`config: ${config.file ?? '(built-in default)'}`);
        for (const s of config.sinks) opened.ctx.stdout(`  sink ${s.config.id} (${s.config.kind})${s.config.enabled ? '' : ' disabled'}`);
        for (const m of config.missing) {
          opened.ctx.stdout(`  ${required(m) ? 'missing' : 'unset (optional)'}: \${${m.name}} used at ${m.keyPath}`);
        }
        if (problem) opened.ctx.stdout(`not ok: ${opened.ctx.redactor.redact(problem.describe())}`);
        else opened.ctx.stdout('ok');
      }
      process.exitCode = problem ? 2 : 0;
    });
}
