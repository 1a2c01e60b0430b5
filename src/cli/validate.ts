// `herald validate`: load the config, resolve every ${VAR}, report what is missing. Never prints a value.
import type { Command } from 'commander';
import { openHerald, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';

export function registerValidate(program: Command): void {
  withCommonOptions(program.command('validate').description('check a config and the variables it needs; prints no secret'))
    .action(async (flags: CommonFlags) => {
      const herald = await openHerald({ ...flags, state: 'none' }, { tolerateMissing: true });
      try {
        const { config } = herald;
        const fatal = config.missing.filter((m) => m.fatal);
        if (flags.json) {
          printJsonLine(herald, {
            config: config.file,
            ok: fatal.length === 0,
            sinks: config.sinks.map((s) => ({ id: s.config.id, kind: s.config.kind, enabled: s.config.enabled })),
            missing: config.missing.map((m) => ({ variable: m.name, key: m.keyPath, required: m.fatal })),
          });
        } else {
          herald.ctx.stdout(`config: ${config.file ?? '(built-in default)'}`);
          for (const s of config.sinks) herald.ctx.stdout(`  sink ${s.config.id} (${s.config.kind})${s.config.enabled ? '' : ' disabled'}`);
          for (const m of config.missing) {
            herald.ctx.stdout(`  ${m.fatal ? 'missing' : 'unset (optional)'}: \${${m.name}} used at ${m.keyPath}`);
          }
          herald.ctx.stdout(fatal.length ? `not ok: ${fatal.length} required variable(s) unset` : 'ok');
        }
        process.exitCode = fatal.length ? 2 : 0;
      } finally {
        await herald.close();
      }
    });
}
