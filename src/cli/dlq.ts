// `herald dlq list | replay | drop` (alias `herald spool drain` = replay). A replayed dead letter
// leaves the queue only when it was delivered (or was delivered meanwhile: deduplicated).
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { openHerald, printJsonLine, withCommonOptions, type CommonFlags, collect } from './common.js';
import { listLetters, replayLetters } from './dead-letters.js';
import { topCommand } from './command-index.js';

export function registerDlq(program: Command): void {
  const dlq = topCommand(program, 'dlq');
  withCommonOptions(dlq.command('list').description('dead letters, oldest first')).action(async (flags: CommonFlags) => {
    const herald = await openHerald(flags, { allowDefault: true, tolerateMissing: true });
    try {
      const { letters, problems } = await listLetters(herald);
      for (const problem of problems) herald.ctx.log.warn(problem);
      for (const l of letters) {
        const row = { id: l.id, sink_id: l.sinkId, event_id: l.event.event_id, kind: l.event.kind, title: l.event.title, ts: l.ts, attempts: l.attempts, reason: l.reason };
        if (flags.json) printJsonLine(herald, herald.ctx.redactor.redactDeep(row));
        else herald.ctx.stdout(`${l.id}  ${new Date(l.ts * 1000).toISOString()}  ${l.sinkId}  ${l.event.kind}  ${l.event.title}  — ${l.reason}`);
      }
      if (!flags.json) herald.ctx.log.info(`${letters.length} dead letter(s)`);
    } finally {
      await herald.close();
    }
  });
  withCommonOptions(dlq.command('replay').description('deliver dead letters again; delivered ones leave the queue'))
    .option('--sink <id>', 'only dead letters of this sink (repeatable)', collect)
    .option('--fail-fast', 'stop at the first delivery that fails')
    .action(async (flags: CommonFlags & { sink?: string[]; failFast?: boolean }) => {
      process.exitCode = await replay(flags);
    });
  withCommonOptions(dlq.command('drop').description('remove dead letters without sending them'))
    .option('--id <id>', 'dead letter id (repeatable)', collect)
    .option('--all', 'every dead letter')
    .action(async (flags: CommonFlags & { id?: string[]; all?: boolean }) => {
      if (!flags.all && !flags.id?.length) throw new UsageError('dlq drop needs --id ID or --all');
      if (flags.all && flags.id?.length) throw new UsageError('dlq drop takes --id or --all, not both', 'drop the named letters with --id, or every letter with --all');
      const herald = await openHerald(flags, { allowDefault: true, tolerateMissing: true });
      try {
        const ids = flags.all ? (await herald.store.listDeadLetters()).map((l) => l.id) : flags.id!;
        const removed = await herald.store.removeDeadLetters(ids);
        herald.ctx.log.info(`dropped ${removed} dead letter(s)`);
        if (flags.id && removed < flags.id.length) herald.ctx.log.warn(`${flags.id.length - removed} id(s) were not in the queue`);
      } finally {
        await herald.close();
      }
    });
}

export async function replay(flags: CommonFlags & { sink?: string[]; failFast?: boolean }): Promise<number> {
  const herald = await openHerald(flags);
  try {
    const { letters, problems } = await listLetters(herald, flags.sink);
    for (const problem of problems) herald.ctx.log.warn(problem);
    const { delivered, alreadyDelivered, failed } = await replayLetters(herald, letters, flags);
    const kept = letters.length - delivered - alreadyDelivered;
    // "replayed" counts only what was sent now; a letter this sink delivered since is named apart.
    const since = alreadyDelivered ? `; ${alreadyDelivered} already delivered since (removed, not sent again)` : '';
    herald.ctx.log.info(`replayed ${delivered} of ${letters.length} dead letter(s)${since}; ${kept} still in the queue`);
    return failed || problems.length ? 1 : 0;
  } finally {
    await herald.close();
  }
}
