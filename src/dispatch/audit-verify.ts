// `herald audit verify` beyond the links: the chain against its sealed head, so a missing tail
// (entries deleted), an emptied or deleted log and a torn last line fail verification instead of
// reading as a shorter intact chain. A chain with no head (Bernstein's) verifies as before, with a
// note that truncation cannot be detected there.
import { dirname, join } from 'node:path';
import { parseHead } from '../state/audit-head.js';
import type { StateStore } from '../state/store.js';
import { auditSealer, verifyChain, type VerifyResult } from './audit.js';

export const NO_HEAD_NOTE = 'no sealed head: truncation cannot be detected';

export async function verifyAudit(key: string, store: Pick<StateStore, 'readAudit' | 'readAuditHead'>): Promise<VerifyResult> {
  const stored = await store.readAuditHead();
  if (!stored) {
    const { hmacAt: _unused, ...result } = await verifyChain(key, store.readAudit());
    return result.count > 0 || !result.ok ? { ...result, notes: [NO_HEAD_NOTE] } : result;
  }
  const atHead = (reason: string): VerifyResult => ({ ok: false, count: 0, broken: { source: stored.source, line: 0, reason } });
  const head = parseHead(stored.text);
  if (!head) return atHead('not a sealed head record (altered or corrupt)');
  if (auditSealer(key).head(head.fields) !== head.seal) return atHead('the sealed head does not match its seal (altered, or a different key)');

  const { count, hmac, file } = head.fields;
  const { hmacAt, ...result } = await verifyChain(key, store.readAudit(), { at: count });
  if (!result.ok) return result;
  // The dir backend names the chain file the head's last entry went to.
  const where = file ? join(dirname(stored.source), file) : stored.source;
  const broken = (reason: string): VerifyResult => ({ ok: false, count: result.count, broken: { source: where, line: 0, reason } });
  if (result.count === 0 && count > 0) return broken(`the audit log is empty or deleted: its sealed head (${stored.source}) records ${count} entries`);
  if (result.count < count) return broken(`missing tail: the sealed head (${stored.source}) records ${count} entries, the log holds ${result.count}: entries were deleted`);
  if (hmacAt !== hmac) return broken(`entry ${count} does not match the sealed head (${stored.source}): the log was rewritten`);
  if (result.count > count) {
    return { ...result, notes: [`${result.count - count} entries after the sealed head (appended by Bernstein, or by a run stopped between an entry and its head)`] };
  }
  return result;
}
