// `herald test --sink ID`: one synthetic event through one sink, with the real outcome. Unlike
// Bernstein's `notify test`, it says what happened and exits 1 when the event was not delivered.
import type { Command } from 'commander';
import { buildEvent } from '../core/event.js';
import { filterReason } from '../core/filters.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { openHerald, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';
import { checkSinkIds } from './send.js';
import { topCommand } from './command-index.js';

export function registerTest(program: Command): void {
  withCommonOptions(topCommand(program, 'test'))
    .requiredOption('--sink <id>', 'the sink to test')
    .option('--event <kind>', 'event kind', 'synthetic')
    .action(async (flags: CommonFlags & { sink: string; event: string }) => {
      // Testing one sink needs that sink's variables only: the others may stay unset.
      const herald = await openHerald(flags, { tolerateMissing: true });
      try {
        checkSinkIds(herald, [flags.sink]);
        const sink = herald.config.sinks.find((s) => s.config.id === flags.sink)!;
        if (!sink.config.enabled) throw new UsageError(`sink '${flags.sink}' is disabled in config`, 'set enabled: true to test it');
        const unset = herald.config.missing.filter((m) => m.keyPath.startsWith(`notifications.sinks[${sink.index}]`));
        if (unset.length) {
          throw new ConfigError(`sink '${flags.sink}' uses unset variable(s): ${unset.map((m) => `\${${m.name}} at ${m.keyPath}`).join(', ')}`, {
            file: herald.config.file ?? undefined,
            fix: `export ${unset.map((m) => m.name).join(' ')} before testing this sink`,
          });
        }
        const nowMs = herald.ctx.clock.nowMs();
        const event = buildEvent(
          {
            kind: flags.event,
            event_id: `synthetic-${flags.sink}-${Math.floor(nowMs)}`,
            title: `herald test (${flags.sink})`,
            body: 'This is a synthetic event sent by `herald test`.',
            severity: 'info',
            labels: { source: 'cli' },
            details: { command: 'herald test' },
          },
          nowMs / 1000,
        );
        const excluded = filterReason(sink.config, event);
        if (excluded) herald.ctx.log.warn(`in a real run this sink would not receive this event: ${excluded}; sending it anyway for the test`);
        const outcome = await (await herald.deliver([event], { sinkIds: [sink.config.id], ignoreFilters: true, deadLetter: false }))[0]!;
        const line: Record<string, unknown> = { sink_id: outcome.sink_id, event_id: outcome.event_id, outcome: outcome.outcome, attempts: outcome.attempts };
        if (outcome.error) line.error = outcome.error;
        printJsonLine(herald, line, true);
        process.exitCode = outcome.outcome === 'delivered' ? 0 : 1;
      } finally {
        await herald.close();
      }
    });
}
