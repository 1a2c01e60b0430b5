// The HMAC-SHA256 audit chain, byte-compatible with Bernstein's AuditLog (§4.4): each line is the
// sorted, ASCII-escaped Python JSON of the entry, its `hmac` computed over prev_hmac + that JSON.
import { createHmac } from 'node:crypto';
import { pythonJson } from '../core/python-format.js';
import type { AuditEntry, AuditLine, AuditSealer, StateStore } from '../state/store.js';
import { headMessage } from '../state/audit-head.js';
import { GENESIS_HMAC } from '../state/store.js';

export const AUDIT_EVENT_TYPE = 'notification.delivery';

export function sealEntry(key: string, prevHmac: string, entry: AuditEntry): Record<string, unknown> {
  const unsigned = { ...entry, prev_hmac: prevHmac };
  const canonical = pythonJson(unsigned, { sortKeys: true });
  const hmac = createHmac('sha256', Buffer.from(key, 'utf8')).update(prevHmac + canonical, 'utf8').digest('hex');
  return { ...unsigned, hmac };
}

/** UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ", as Python writes it. */
export function auditTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The stored line of a sealed entry, serialized once: the line is the canonical JSON with `hmac`
 * added, and with sorted keys `"hmac"` goes just before the top-level `"prev_hmac"` (the last
 * occurrence: the keys after it hold strings, whose quotes are escaped). Same bytes as
 * pythonJson(sealEntry(…)), at half the cost on the hot path.
 */
export function sealLine(keyBytes: Buffer, prevHmac: string, entry: AuditEntry): { hmac: string; line: string } {
  const canonical = pythonJson({ ...entry, prev_hmac: prevHmac }, { sortKeys: true });
  const hmac = createHmac('sha256', keyBytes).update(prevHmac + canonical, 'utf8').digest('hex');
  const at = canonical.lastIndexOf('"prev_hmac": ');
  return { hmac, line: `${canonical.slice(0, at)}"hmac": "${hmac}", ${canonical.slice(at)}` };
}

/** The audit key's two seals: each entry's link, and the head that records the chain's length. */
export function auditSealer(key: string): AuditSealer {
  const keyBytes = Buffer.from(key, 'utf8');
  return {
    entry: (prevHmac, entry) => sealLine(keyBytes, prevHmac, entry),
    head: (fields) => createHmac('sha256', keyBytes).update(headMessage(fields), 'utf8').digest('hex'),
  };
}

/**
 * The outcome name as Bernstein's chain records it (reference lifecycle §4.2): a permanent failure
 * is `failed_permanent` there whether or not it was dead-lettered, so `dead_lettered` (Herald's
 * name for a failure saved for replay) is written as `failed_permanent`; Herald's other names
 * (`filtered`) have no Bernstein counterpart and stay.
 */
export function auditOutcome(outcome: string): string {
  return outcome === 'dead_lettered' ? 'failed_permanent' : outcome;
}

export class AuditLog {
  private sealerPromise: Promise<AuditSealer> | undefined;

  /** `key` may be a loader, for a key file made only when the first entry is written. */
  constructor(private readonly key: string | (() => Promise<string>), private readonly store: StateStore) {}

  async record(details: { event_id: string; sink_id: string; outcome: string; kind: string; attempts: number; error?: string }, nowMs: number): Promise<void> {
    const entry: AuditEntry = {
      actor: `sink:${details.sink_id}`,
      details: { ...details, outcome: auditOutcome(details.outcome), ...(details.error ? {} : { error: undefined }) },
      event_type: AUDIT_EVENT_TYPE,
      resource_id: details.event_id || '<missing>',
      resource_type: 'notification',
      timestamp: auditTimestamp(nowMs),
    };
    const key = this.key;
    const sealer = await (this.sealerPromise ??= typeof key === 'string' ? Promise.resolve(auditSealer(key)) : key().then(auditSealer));
    await this.store.appendAudit(entry, sealer);
  }
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  broken?: { source: string; line: number; reason: string };
  /** What the result cannot vouch for (e.g. a chain with no sealed head). */
  notes?: string[];
}

/**
 * Walks the chain in order, checking each link and each recomputed HMAC. With `at`, also returns
 * the hmac of entry number `at` (1-based; the genesis value for 0), for the sealed head's check.
 */
export async function verifyChain(key: string, lines: AsyncIterable<AuditLine>, options: { at?: number } = {}): Promise<VerifyResult & { hmacAt?: string }> {
  let prev = GENESIS_HMAC;
  let count = 0;
  let hmacAt = options.at === 0 ? GENESIS_HMAC : undefined;
  const withAt = (result: VerifyResult) => (hmacAt !== undefined ? { ...result, hmacAt } : result);
  for await (const { source, line, text, torn } of lines) {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return withAt({ ok: false, count, broken: { source, line, reason: torn ? 'torn last line: a write was cut short' : 'not valid JSON' } });
    }
    const { hmac, ...rest } = record;
    if (rest.prev_hmac !== prev) return withAt({ ok: false, count, broken: { source, line, reason: 'prev_hmac does not match the previous entry' } });
    const { prev_hmac: _prev, ...entry } = rest;
    const expected = sealEntry(key, prev, entry as unknown as AuditEntry).hmac;
    if (hmac !== expected) return withAt({ ok: false, count, broken: { source, line, reason: 'hmac does not match the entry (altered, or a different key)' } });
    prev = hmac as string;
    count++;
    if (count === options.at) hmacAt = prev;
  }
  return withAt({ ok: true, count });
}
