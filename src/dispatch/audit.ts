// The HMAC-SHA256 audit chain, byte-compatible with Bernstein's AuditLog (§4.4): each line is the
// sorted, ASCII-escaped Python JSON of the entry, its `hmac` computed over prev_hmac + that JSON.
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { pythonJson } from '../core/python-format.js';
import type { AuditEntry, AuditLine, AuditSealer, StateStore } from '../state/store.js';
import { headMessage } from '../state/audit-head.js';
import { GENESIS_HMAC } from '../state/store.js';

export const AUDIT_EVENT_TYPE = 'notification.delivery';

let lastKey: { key: string; secret: KeyObject } | undefined;

/**
 * The audit key as a KeyObject, made once per key: createHmac given the key's bytes imports them
 * anew each call, which on Node 24 costs several times the HMAC itself.
 */
export function auditSecret(key: string): KeyObject {
  if (lastKey?.key !== key) lastKey = { key, secret: createSecretKey(Buffer.from(key, 'utf8')) };
  return lastKey.secret;
}

export function sealEntry(key: string, prevHmac: string, entry: AuditEntry): Record<string, unknown> {
  const unsigned = { ...entry, prev_hmac: prevHmac };
  const canonical = pythonJson(unsigned, { sortKeys: true });
  const hmac = createHmac('sha256', auditSecret(key)).update(prevHmac + canonical, 'utf8').digest('hex');
  return { ...unsigned, hmac };
}

/** UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ", as Python writes it. */
export function auditTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The stored line of a sealed entry, serialized once: the line is the canonical JSON with `hmac`
 * added, and with sorted keys `"hmac"` goes just before the top-level `"prev_hmac"`. Same bytes as
 * pythonJson(sealEntry(…)), at a fraction of the cost on the hot path (one per delivery).
 */
export function sealLine(secret: KeyObject | Buffer, prevHmac: string, entry: AuditEntry): { hmac: string; line: string } {
  const [before, after] = canonicalHalves(prevHmac, entry);
  const hmac = createHmac('sha256', secret).update(prevHmac + before + after, 'utf8').digest('hex');
  return { hmac, line: `${before}"hmac": "${hmac}", ${after}` };
}

/** The canonical JSON of entry + prev_hmac, split where `"hmac"` goes (just before `"prev_hmac"`). */
function canonicalHalves(prevHmac: string, entry: AuditEntry): [string, string] {
  const { actor, details, event_type, resource_id, resource_type, timestamp } = entry;
  const plain = Object.keys(entry).length === 6 && typeof details === 'object' && details !== null && !Array.isArray(details);
  if (plain && [actor, event_type, resource_id, resource_type, timestamp].every((v) => typeof v === 'string')) {
    // The entry's own six keys, in sorted order around prev_hmac: no generic sort or search.
    const text = (v: string) => pythonJson(v);
    return [
      `{"actor": ${text(actor)}, "details": ${pythonJson(details, { sortKeys: true })}, "event_type": ${text(event_type)}, `,
      `"prev_hmac": ${text(prevHmac)}, "resource_id": ${text(resource_id)}, "resource_type": ${text(resource_type)}, "timestamp": ${text(timestamp)}}`,
    ];
  }
  // Anything else (keys added or missing): the generic dump; the last `"prev_hmac": ` is the
  // top-level one (the keys after it hold strings, whose quotes are escaped).
  const canonical = pythonJson({ ...entry, prev_hmac: prevHmac }, { sortKeys: true });
  const at = canonical.lastIndexOf('"prev_hmac": ');
  return [canonical.slice(0, at), canonical.slice(at)];
}

/** The audit key's two seals: each entry's link, and the head that records the chain's length. */
export function auditSealer(key: string): AuditSealer {
  const secret = createSecretKey(Buffer.from(key, 'utf8'));
  return {
    entry: (prevHmac, entry) => sealLine(secret, prevHmac, entry),
    head: (fields) => createHmac('sha256', secret).update(headMessage(fields), 'utf8').digest('hex'),
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
  private sealer: AuditSealer | undefined;

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
    // The key is turned into a sealer once; after that no await before the store's queue.
    this.sealer ??= await (this.sealerPromise ??= typeof key === 'string' ? Promise.resolve(auditSealer(key)) : key().then(auditSealer));
    await this.store.appendAudit(entry, this.sealer);
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
