// `herald audit verify`: walk the HMAC chain and check it against its sealed head; exit 1 at the
// first broken link, a missing tail, an emptied log or a torn line, 0 with the count. Without a
// key the chain cannot be verified: a warning and exit 1, as Bernstein's verify fails then.
import type { Command } from 'commander';
import { verifyAudit } from '../dispatch/audit-verify.js';
import { auditKeySource, existingAuditKey } from '../dispatch/audit-key.js';
import type { StateStore } from '../state/store.js';
import type { Herald } from '../herald.js';
import { openHerald, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';
import { topCommand } from './command-index.js';

const NO_KEY = 'no audit key: set notifications.audit.key or HERALD_AUDIT_KEY, or point audit.key_file (or HERALD_AUDIT_KEY_PATH) at an existing key file';

export function registerAudit(program: Command): void {
  const audit = topCommand(program, 'audit');
  withCommonOptions(audit.command('verify').description('check every link of the HMAC chain and its sealed head')).action(async (flags: CommonFlags) => {
    const herald = await openHerald(flags, { allowDefault: true, tolerateMissing: true });
    try {
      const key = await existingAuditKey(auditKeySource(herald.config.block.audit, herald.ctx.env, herald.config.baseDir));
      if (!key) return await reportUnverifiable(herald, flags);
      const result = await verifyAudit(key, herald.store);
      for (const note of result.notes ?? []) herald.ctx.log.warn(note);
      if (flags.json) printJsonLine(herald, result);
      else if (result.ok) herald.ctx.stdout(`ok: ${result.count} entries, chain intact${result.notes?.length ? ` (${result.notes.join('; ')})` : ''}`);
      else {
        const { source, line, reason } = result.broken!;
        herald.ctx.stdout(`broken at ${line ? `${source}:${line}` : source}: ${reason} (${result.count} entries verified before it)`);
      }
      process.exitCode = result.ok ? 0 : 1;
    } finally {
      await herald.close();
    }
  });
}

/** Without a key nothing can be vouched for: say how many entries there are, warn, exit 1. */
async function reportUnverifiable(herald: Herald, flags: CommonFlags): Promise<void> {
  const count = await countEntries(herald.store);
  herald.ctx.log.warn(`${NO_KEY}; the chain cannot be verified`);
  if (flags.json) printJsonLine(herald, { ok: false, unverifiable: true, count, reason: 'no audit key' });
  else herald.ctx.stdout(`unverifiable: ${count} entries, no audit key to check them with`);
  process.exitCode = 1;
}

async function countEntries(store: StateStore): Promise<number> {
  let count = 0;
  for await (const _line of store.readAudit()) count++;
  return count;
}
