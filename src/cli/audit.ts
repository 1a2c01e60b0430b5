// `herald audit verify`: walk the HMAC chain; exit 1 at the first broken link, 0 with the count.
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { verifyChain } from '../dispatch/audit.js';
import { auditKeySource, existingAuditKey } from '../dispatch/audit-key.js';
import { openHerald, printJsonLine, withCommonOptions, type CommonFlags } from './common.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  withCommonOptions(audit.command('verify').description('check every link of the HMAC chain')).action(async (flags: CommonFlags) => {
    const herald = await openHerald(flags, { allowDefault: true, tolerateMissing: true });
    try {
      const key = await existingAuditKey(auditKeySource(herald.config.block.audit, herald.ctx.env, herald.config.baseDir));
      if (!key) throw new UsageError('no audit key: set notifications.audit.key or HERALD_AUDIT_KEY, or point audit.key_file (or HERALD_AUDIT_KEY_PATH) at an existing key file');
      const result = await verifyChain(key, herald.store.readAudit());
      if (flags.json) printJsonLine(herald, result);
      else if (result.ok) herald.ctx.stdout(`ok: ${result.count} entries, chain intact`);
      else herald.ctx.stdout(`broken at ${result.broken!.source}:${result.broken!.line}: ${result.broken!.reason} (${result.count} entries verified before it)`);
      process.exitCode = result.ok ? 0 : 1;
    } finally {
      await herald.close();
    }
  });
}
