// The `redis` backend: one dedup window, one dead-letter queue and one audit chain shared by many
// concurrent batch jobs on many nodes. Every operation that must be atomic across processes is a
// single Redis command, a Lua script, or a WATCH/MULTI transaction.
//
// Keys (under key_prefix, default "herald:"):
//   dedup:<sink>\0<event>  string "claim:<token>" while delivering (PX claim TTL),
//                          then "done:<ts ms>" (PX dedup window)
//   dead_letters           stream, one entry per letter: fields id, letter (JSON)
//   dead_letter_ids        hash letter id → stream entry id (removal by id, replace on rewrite)
//   cursors / values       hashes
//   audit / audit:tail     list of sealed lines / the last hmac
//   audit:head             the sealed head: entry count and last hmac, sealed with the audit key
//   msgref:<sink>\0<conv>  a living-message reference or claim, JSON (PX until it expires)
import { randomBytes } from 'node:crypto';
import type { Redis as RedisClient } from 'ioredis';
import type { Logger } from '../core/context.js';
import { connectRedis, describeRedisUrl, isConnectionError } from './redis-connection.js';
import { mergeSnapshots } from './merge.js';
import type { AuditEntry, AuditLine, AuditSealer, ClaimOptions, ClaimResult, DeadLetter, DedupPolicy, StateSnapshot, StateStore, StateSummary } from './store.js';
import { CLAIM_SCRIPT, IMPORT_DEDUP_SCRIPT, RELEASE_SCRIPT } from './redis-scripts.js';
import { RedisAuditChain } from './redis-audit.js';
import { RedisDeadLetters } from './redis-dead-letters.js';
import { parseRecord, scanDedupEntries, scanMessageRefs } from './redis-scan.js';
import { messageRefKey, type MessageRefRecord } from './message-refs.js';

const CLAIM_TTL_MS = 10 * 60_000; // matches the dir backend: a claim older than this belongs to a hung process
const CONNECT_TIMEOUT_MS = 3000;
/** How long a write keeps trying through a reconnect (a Redis restart) before it gives up. */
const WRITE_RETRY_MS = 20_000;

export interface RedisStoreOptions {
  url: string;
  keyPrefix?: string;
  policy: DedupPolicy;
  log: Logger;
  connectTimeoutMs?: number;
}

export class RedisStore implements StateStore {
  readonly backend = 'redis';
  private readonly prefix: string;
  /** Distinguishes this process's claims from another's, for compare-and-delete. */
  private readonly token = `${process.pid}-${randomBytes(6).toString('hex')}`;
  private readonly audit: RedisAuditChain;
  private readonly deadLetters: RedisDeadLetters;

  private constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisStoreOptions,
  ) {
    this.prefix = options.keyPrefix ?? 'herald:';
    this.deadLetters = new RedisDeadLetters(redis, (name) => this.key(name), (what, op) => this.withRetry(what, op), options.log);
    this.audit = new RedisAuditChain(redis, (name) => this.key(name), describeRedisUrl(options.url), (what, op) => this.withRetry(what, op));
  }

  /** Connects (bounded by a short timeout) or throws StateUnavailableError. */
  static async open(options: RedisStoreOptions): Promise<RedisStore> {
    return new RedisStore(await connectRedis(options.url, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, options.log), options);
  }

  private key(name: string): string {
    return this.prefix + name;
  }

  private dedupKey(sinkId: string, eventId: string): string {
    return this.key(`dedup:${sinkId}\u0000${eventId}`);
  }

  /** Retries a write across a reconnect (a restarted Redis), so no dead letter is lost to a blip. */
  private async withRetry<T>(what: string, op: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + WRITE_RETRY_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await op();
      } catch (error) {
        if (Date.now() > deadline || !isConnectionError(error)) throw error;
        if (attempt === 0) this.options.log.warn(`redis: ${what} failed (${(error as Error).message}); retrying while Redis reconnects`);
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 1000)));
      }
    }
  }

  // ---- dedup -------------------------------------------------------------------------------

  async claim(sinkId: string, eventId: string, _nowMs: number, options: ClaimOptions = {}): Promise<ClaimResult> {
    // ownOnly: the sink's own key stands in for the sinkless one, so only this sink's record counts.
    const wildcard = this.dedupKey(options.ownOnly ? sinkId : '*', eventId);
    const result = await this.withRetry('dedup claim', () =>
      this.redis.eval(CLAIM_SCRIPT, 2, this.dedupKey(sinkId, eventId), wildcard, `claim:${this.token}`, CLAIM_TTL_MS),
    );
    return result as ClaimResult;
  }

  async confirm(sinkId: string, eventId: string, nowMs: number): Promise<void> {
    await this.withRetry('dedup confirm', () => this.redis.set(this.dedupKey(sinkId, eventId), `done:${Math.round(nowMs)}`, 'PX', this.options.policy.windowMs));
  }

  async release(sinkId: string, eventId: string): Promise<void> {
    await this.withRetry('dedup release', () => this.redis.eval(RELEASE_SCRIPT, 1, this.dedupKey(sinkId, eventId), `claim:${this.token}`));
  }

  // ---- dead letters ------------------------------------------------------------------------

  addDeadLetter(letter: DeadLetter): Promise<void> {
    return this.deadLetters.add(letter);
  }

  listDeadLetters(): Promise<DeadLetter[]> {
    return this.deadLetters.list();
  }

  removeDeadLetters(ids: readonly string[]): Promise<number> {
    return this.deadLetters.remove(ids);
  }

  // ---- cursors and values --------------------------------------------------------------------

  async getCursor(name: string): Promise<number | undefined> {
    const text = await this.redis.hget(this.key('cursors'), name);
    return text && /^\d+$/.test(text) ? Number(text) : undefined;
  }

  async setCursor(name: string, offset: number): Promise<void> {
    await this.withRetry('cursor write', () => this.redis.hset(this.key('cursors'), name, String(offset)));
  }

  async getValue<T>(key: string): Promise<T | undefined> {
    const text = await this.redis.hget(this.key('values'), key);
    if (!text) return undefined;
    try {
      return (JSON.parse(text) as { value: T }).value;
    } catch {
      return undefined;
    }
  }

  async setValue(key: string, value: unknown, nowMs: number): Promise<void> {
    await this.withRetry('value write', () => this.redis.hset(this.key('values'), key, JSON.stringify({ value, ts: nowMs / 1000 })));
  }

  /** One HSET of every field: one round trip. */
  async setValues(entries: readonly { key: string; value: unknown }[], nowMs: number): Promise<void> {
    if (!entries.length) return;
    const fields: Record<string, string> = {};
    for (const { key, value } of entries) fields[key] = JSON.stringify({ value, ts: nowMs / 1000 });
    await this.withRetry('value write', () => this.redis.hset(this.key('values'), fields));
  }

  // ---- living-message references ---------------------------------------------------------------

  private messageRefKey(sinkId: string, conversation: string): string {
    return this.key(`msgref:${messageRefKey(sinkId, conversation)}`);
  }

  async getMessageRef(sinkId: string, conversation: string, _nowMs: number): Promise<MessageRefRecord | undefined> {
    const text = await this.redis.get(this.messageRefKey(sinkId, conversation));
    return text ? parseRecord<MessageRefRecord>(text) : undefined;
  }

  /** SET NX: of two processes posting the first event of one conversation, one gets the claim. */
  async putMessageRefIfAbsent(record: MessageRefRecord, nowMs: number): Promise<boolean> {
    const ttlMs = Math.round(record.expires * 1000 - nowMs);
    if (ttlMs <= 0) return false;
    const key = this.messageRefKey(record.sink_id, record.conversation);
    return (await this.withRetry('message reference claim', () => this.redis.set(key, JSON.stringify(record), 'PX', ttlMs, 'NX'))) === 'OK';
  }

  async putMessageRef(record: MessageRefRecord, nowMs: number): Promise<void> {
    const ttlMs = Math.round(record.expires * 1000 - nowMs);
    const key = this.messageRefKey(record.sink_id, record.conversation);
    await this.withRetry<unknown>('message reference write', () => (ttlMs > 0 ? this.redis.set(key, JSON.stringify(record), 'PX', ttlMs) : this.redis.del(key)));
  }

  // ---- audit -------------------------------------------------------------------------------

  appendAudit(entry: AuditEntry, sealer: AuditSealer): Promise<void> {
    return this.audit.append(entry, sealer);
  }

  readAudit(): AsyncIterable<AuditLine> {
    return this.audit.read();
  }

  readAuditHead(): Promise<{ source: string; text: string } | undefined> {
    return this.audit.readHead();
  }

  // ---- snapshots and upkeep ----------------------------------------------------------------

  async exportSnapshot(_nowMs: number): Promise<StateSnapshot> {
    const cursors: Record<string, number> = {};
    for (const [name, text] of Object.entries(await this.redis.hgetall(this.key('cursors')))) if (/^\d+$/.test(text)) cursors[name] = Number(text);
    const values: StateSnapshot['values'] = {};
    for (const [name, text] of Object.entries(await this.redis.hgetall(this.key('values')))) {
      try {
        values[name] = JSON.parse(text) as { value: unknown; ts: number };
      } catch {
        /* a value another tool wrote: not ours to move */
      }
    }
    return {
      schemaVersion: 1,
      dedup: await scanDedupEntries(this.redis, this.key('dedup:')),
      deadLetters: await this.listDeadLetters(),
      cursors,
      values,
      messageRefs: await scanMessageRefs(this.redis, this.key('msgref:')),
    };
  }

  async importSnapshot(snapshot: StateSnapshot, nowMs: number): Promise<void> {
    const windowMs = this.options.policy.windowMs;
    const current = await this.exportSnapshot(nowMs);
    const merged = mergeSnapshots(current, snapshot, nowMs, windowMs);
    for (const entry of merged.dedup) {
      const remaining = Math.round(entry.ts * 1000 + windowMs - nowMs);
      if (remaining <= 0) continue;
      await this.redis.eval(IMPORT_DEDUP_SCRIPT, 1, this.dedupKey(entry.sink_id, entry.event_id), Math.round(entry.ts * 1000), remaining);
    }
    const known = new Map(current.deadLetters.map((l) => [l.id, l.ts]));
    for (const letter of merged.deadLetters) if (known.get(letter.id) !== letter.ts) await this.addDeadLetter(letter);
    for (const [name, offset] of Object.entries(merged.cursors)) if (current.cursors[name] !== offset) await this.setCursor(name, offset);
    for (const [name, item] of Object.entries(merged.values)) {
      if (current.values[name]?.ts !== item.ts) await this.redis.hset(this.key('values'), name, JSON.stringify(item));
    }
    const knownRefs = new Map((current.messageRefs ?? []).map((r) => [messageRefKey(r.sink_id, r.conversation), r.ts]));
    for (const record of merged.messageRefs ?? []) if (knownRefs.get(messageRefKey(record.sink_id, record.conversation)) !== record.ts) await this.putMessageRef(record, nowMs);
  }

  /** Redis expires dedup records and claims itself; nothing to rewrite. */
  async prune(_nowMs: number): Promise<{ dedupRemoved: number }> {
    return { dedupRemoved: 0 };
  }

  async summary(nowMs: number): Promise<StateSummary> {
    const snapshot = await this.exportSnapshot(nowMs);
    return {
      backend: this.backend,
      location: `${describeRedisUrl(this.options.url)} (prefix ${this.prefix})`,
      dedupEntries: snapshot.dedup.length,
      deadLetters: snapshot.deadLetters.length,
      cursors: Object.keys(snapshot.cursors).length,
      values: Object.keys(snapshot.values).length,
    };
  }

  async close(): Promise<void> {
    await this.audit.settled();
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
