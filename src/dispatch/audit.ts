// The HMAC-SHA256 audit chain, byte-compatible with Bernstein's AuditLog (§4.4): each line is the
// sorted, ASCII-escaped Python JSON of the entry, its `hmac` computed over prev_hmac + that JSON.
import { createHmac } from 'node:crypto';
import { pythonJson } from '../core/python-format.js';
import type { AuditEntry, StateStore } from '../state/store.js';
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

export class AuditLog {
  private keyPromise: Promise<string> | undefined;

  /** `key` may be a loader, for a key file made only when the first entry is written. */
  constructor(private readonly key: string | (() => Promise<string>), private readonly store: StateStore) {}

  async record(details: { event_id: string; sink_id: string; outcome: string; kind: string; attempts: number; error?: string }, nowMs: number): Promise<void> {
    const entry: AuditEntry = {
      actor: `sink:${details.sink_id}`,
      details: { ...details, ...(details.error ? {} : { error: undefined }) },
      event_type: AUDIT_EVENT_TYPE,
      resource_id: details.event_id || '<missing>',
      resource_type: 'notification',
      timestamp: auditTimestamp(nowMs),
    };
    const key = typeof this.key === 'string' ? this.key : await (this.keyPromise ??= this.key());
    await this.store.appendAudit(entry, (prev, e) => sealEntry(key, prev, e));
  }
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  broken?: { source: string; line: number; reason: string };
}

/** Walks the chain in order, checking each link and each recomputed HMAC. */
export async function verifyChain(key: string, lines: AsyncIterable<{ source: string; line: number; text: string }>): Promise<VerifyResult> {
  let prev = GENESIS_HMAC;
  let count = 0;
  for await (const { source, line, text } of lines) {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { ok: false, count, broken: { source, line, reason: 'not valid JSON' } };
    }
    const { hmac, ...rest } = record;
    if (rest.prev_hmac !== prev) return { ok: false, count, broken: { source, line, reason: 'prev_hmac does not match the previous entry' } };
    const { prev_hmac: _prev, ...entry } = rest;
    const expected = sealEntry(key, prev, entry as unknown as AuditEntry).hmac;
    if (hmac !== expected) return { ok: false, count, broken: { source, line, reason: 'hmac does not match the entry (altered, or a different key)' } };
    prev = hmac as string;
    count++;
  }
  return { ok: true, count };
}
