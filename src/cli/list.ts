// `herald list`: one JSON object per sink, Bernstein's keys first (id, kind, enabled, events,
// severities) with Python separators as `bernstein notify list` prints them, then Herald's.
import type { Command } from 'commander';
import { openConfigOnly, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';
import { topCommand } from './command-index.js';

export function registerList(program: Command): void {
  withCommonOptions(topCommand(program, 'list'))
    .action(async (flags: CommonFlags) => {
      const opened = await openConfigOnly(flags);
      if (!opened.config.sinks.length) {
        opened.ctx.stdout('(no sinks configured)');
        return;
      }
      for (const { config } of opened.config.sinks) {
        printJsonLine(
          opened,
          {
            id: config.id,
            kind: config.kind,
            enabled: config.enabled,
            events: config.events,
            severities: config.severities,
            labels: config.labels,
            match_labels: config.match_labels,
            required: config.required,
            dedup: config.dedup,
            digest: config.digest,
          },
          true,
        );
      }
    });
}
