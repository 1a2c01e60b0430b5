// Living-message references: (sink, conversation) → where the conversation's message lives at the
// service, so later events of a run edit or reply to it from another process, step, job or host.
// A reference whose `ref` is null is a claim: one process is posting the parent right now, and
// the others wait for it rather than post a second parent. Claims are short-lived; references
// live for the sink's conversation_ttl_days.
//
// The dir backend keeps them in message-refs.json (0600, replaced atomically under the state
// lock); Redis keeps one key each (src/state/redis.ts); snapshots merge them newest-first.
import { join } from 'node:path';
import type { Logger } from '../core/context.js';
import { readTextIfExists, writeFileAtomic } from './files.js';
import { withLock } from './lock.js';

export interface MessageRefRecord {
  /** The sink's state key (its id, with a hash of where it posts). */
  sink_id: string;
  conversation: string;
  /** Where the message lives; null while a process is posting it (a claim). */
  ref: { id: string; channel?: string } | null;
  /** Unix seconds when it was written. */
  ts: number;
  /** Unix seconds after which it is forgotten. */
  expires: number;
  /** The stages the message has shown, oldest first ("⏳ started", "❌ failure"), for `format: rich`. */
  stages?: string[];
}

export function messageRefKey(sinkId: string, conversation: string): string {
  return `${sinkId}\u0000${conversation}`;
}

export function isLive(record: MessageRefRecord | undefined, nowMs: number): record is MessageRefRecord {
  return Boolean(record) && record!.expires * 1000 > nowMs;
}

/** Newer reference wins; expired ones and claims (which belong to a process, not a snapshot) are dropped. */
export function mergeMessageRefs(a: readonly MessageRefRecord[] = [], b: readonly MessageRefRecord[] = [], nowMs: number): MessageRefRecord[] {
  const merged = new Map<string, MessageRefRecord>();
  for (const record of [...a, ...b]) {
    if (!record.ref || !isLive(record, nowMs)) continue;
    const key = messageRefKey(record.sink_id, record.conversation);
    const current = merged.get(key);
    if (!current || record.ts > current.ts) merged.set(key, record);
  }
  return [...merged.values()].sort((x, y) => x.ts - y.ts);
}

export class DirMessageRefs {
  private readonly file: string;

  constructor(
    dir: string,
    private readonly lockPath: string,
    private readonly log: Logger,
  ) {
    this.file = join(dir, 'message-refs.json');
  }

  private async read(): Promise<Record<string, MessageRefRecord>> {
    const text = await readTextIfExists(this.file);
    if (!text) return {};
    try {
      return JSON.parse(text) as Record<string, MessageRefRecord>;
    } catch {
      this.log.warn(`${this.file}: not valid JSON; living messages start over with new parents`);
      return {};
    }
  }

  /** Writes what is live (so the file never grows past the open conversations). */
  private async write(records: Record<string, MessageRefRecord>, nowMs: number): Promise<void> {
    const live: Record<string, MessageRefRecord> = {};
    for (const [key, record] of Object.entries(records)) if (isLive(record, nowMs)) live[key] = record;
    await writeFileAtomic(this.file, JSON.stringify(live));
  }

  async get(sinkId: string, conversation: string, nowMs: number): Promise<MessageRefRecord | undefined> {
    const record = (await this.read())[messageRefKey(sinkId, conversation)];
    return isLive(record, nowMs) ? record : undefined;
  }

  /** Stores the record unless a live one (reference or claim) is there; true when stored. */
  async putIfAbsent(record: MessageRefRecord, nowMs: number): Promise<boolean> {
    return withLock(this.lockPath, async () => {
      const records = await this.read();
      const key = messageRefKey(record.sink_id, record.conversation);
      if (isLive(records[key], nowMs)) return false;
      records[key] = record;
      await this.write(records, nowMs);
      return true;
    });
  }

  async put(record: MessageRefRecord, nowMs: number): Promise<void> {
    await withLock(this.lockPath, async () => {
      const records = await this.read();
      records[messageRefKey(record.sink_id, record.conversation)] = record;
      await this.write(records, nowMs);
    });
  }

  async list(nowMs: number): Promise<MessageRefRecord[]> {
    return Object.values(await this.read()).filter((r) => r.ref && isLive(r, nowMs));
  }

  /** Replaces every reference (a merged snapshot); claims in flight are kept. Call under the lock. */
  async replaceAll(records: readonly MessageRefRecord[], nowMs: number): Promise<void> {
    const next: Record<string, MessageRefRecord> = {};
    for (const [key, record] of Object.entries(await this.read())) if (!record.ref) next[key] = record;
    for (const record of records) next[messageRefKey(record.sink_id, record.conversation)] = record;
    await this.write(next, nowMs);
  }
}
