// `herald state show | prune | export | import`.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { readInputFile } from '../core/input-file.js';
import { isSnapshot } from '../state/merge.js';
import { openHerald, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';
import { topCommand } from './command-index.js';

export function registerState(program: Command): void {
  const state = topCommand(program, 'state');
  withCommonOptions(state.command('show').description('what the state holds')).action(async (flags: CommonFlags) => {
    const herald = await openHerald(flags, { allowDefault: true, tolerateMissing: true });
    try {
      const summary = await herald.store.summary(herald.ctx.clock.nowMs());
      if (flags.json) printJsonLine(herald, summary);
      else for (const [k, v] of Object.entries(summary)) herald.ctx.stdout(`${k}: ${v}`);
    } finally {
      await herald.close();
    }
  });
  withCommonOptions(state.command('prune').description('drop expired dedup entries and stale claims')).action(async (flags: CommonFlags) => {
    const herald = await openHerald(flags, { allowDefault: true, tolerateMissing: true });
    try {
      const { dedupRemoved } = await herald.store.prune(herald.ctx.clock.nowMs());
      herald.ctx.log.info(`removed ${dedupRemoved} expired dedup line(s)`);
    } finally {
      await herald.close();
    }
  });
  withCommonOptions(state.command('export').description('write the state as one JSON snapshot'))
    .option('--file <path>', 'write here instead of stdout')
    .action(async (flags: CommonFlags & { file?: string }) => {
      const herald = await openHerald(flags, { allowDefault: true, tolerateMissing: true });
      try {
        const snapshot = await herald.store.exportSnapshot(herald.ctx.clock.nowMs());
        const text = JSON.stringify(snapshot);
        if (flags.file) await writeFile(flags.file, text + '\n', { mode: 0o600 });
        else herald.ctx.stdout(text);
      } finally {
        await herald.close();
      }
    });
  withCommonOptions(state.command('import').description('merge a snapshot into the state (dedup newest-wins, dead letters by union)'))
    .requiredOption('--file <path>', 'a snapshot written by `herald state export`')
    .action(async (flags: CommonFlags & { file: string }) => {
      let snapshot: unknown;
      // Checked as every input file is (a folder, a device); the cap only stops a runaway file.
      const text = (await readInputFile(flags.file, { what: 'snapshot', maxBytes: 512 * 1024 * 1024, fail: (message, fix) => new UsageError(`--file ${flags.file}: ${message}`, fix) }))!;
      try {
        snapshot = JSON.parse(text);
      } catch (error) {
        throw new UsageError(`cannot read snapshot ${flags.file}: ${(error as Error).message}`);
      }
      if (!isSnapshot(snapshot)) throw new UsageError(`${flags.file} is not a Herald state snapshot (schemaVersion 1)`);
      const herald = await openHerald(flags, { allowDefault: true, tolerateMissing: true });
      try {
        await herald.store.importSnapshot(snapshot, herald.ctx.clock.nowMs());
        herald.ctx.log.info(`imported ${snapshot.dedup.length} dedup entries and ${snapshot.deadLetters.length} dead letters`);
      } finally {
        await herald.close();
      }
    });
}
