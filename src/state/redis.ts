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
import { loadIoredis } from '../lazy/packages.js';
import { randomBytes } from 'node:crypto';
import type { Redis as RedisClient, RedisOptions } from 'ioredis';
import type { Logger } from '../core/context.js';
import { describeRedisUrl, isConnectionError, redisConstructor, scrub, StateUnavailableError } from './redis-connection.js';
import { mergeSnapshots } from './merge.js';
import type { AuditEntry, AuditLine, AuditSealer, ClaimOptions, ClaimResult, DeadLetter, DedupEntry, DedupPolicy, StateSnapshot, StateStore, StateSummary } from './store.js';
import { ADD_DEAD_LETTER_SCRIPT, CLAIM_SCRIPT, IMPORT_DEDUP_SCRIPT, RELEASE_SCRIPT } from './redis-scripts.js';
import { GENESIS_HMAC } from './store.js';
import { encodeHead } from './audit-head.js';
import { messageRefKey, type MessageRefRecord } from './message-refs.js';
import { encodeLetterCompact, keepWrittenNumbers } from './letter-numbers.js';

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
  /** WATCH is per connection: appends from this process's concurrent sinks go one at a time. */
  private auditQueue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisStoreOptions,
  ) {
    this.prefix = options.keyPrefix ?? 'herald:';
  }

  /** Connects (bounded by a short timeout) or throws StateUnavailableError. */
  static async open(options: RedisStoreOptions): Promise<RedisStore> {
    const Redis = redisConstructor(await loadIoredis());
    const connectTimeout = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    const redisOptions: RedisOptions = {
      lazyConnect: true,
      connectTimeout,
      // A command fails after one reconnect attempt instead of queueing forever; writes that
      // must survive a restart retry on their own (withRetry).
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(50 * 2 ** times, 1000),
      enableReadyCheck: true,
    };
    const redis = new Redis(options.url, redisOptions);
    let lastError = '';
    // Without a listener ioredis prints every connection error itself.
    redis.on('error', (error: Error) => {
      lastError = error.message;
      options.log.debug(`redis: ${error.message}`);
    });
    try {
      await Promise.race([
        redis.connect(),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${connectTimeout} ms`)), connectTimeout + 500).unref()),
      ]);
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      throw new StateUnavailableError(options.url, scrub((error as Error).message || lastError, options.url));
    }
    return new RedisStore(redis, options);
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

  async addDeadLetter(letter: DeadLetter): Promise<void> {
    await this.withRetry('dead letter write', () =>
      this.redis.eval(ADD_DEAD_LETTER_SCRIPT, 2, this.key('dead_letters'), this.key('dead_letter_ids'), letter.id, encodeLetterCompact(letter)),
    );
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    const entries = await this.redis.xrange(this.key('dead_letters'), '-', '+');
    const byId = new Map<string, DeadLetter>();
    for (const [streamId, fields] of entries) {
      const json = fieldValue(fields, 'letter');
      try {
        const letter = JSON.parse(json ?? '') as DeadLetter;
        keepWrittenNumbers(letter, json ?? '');
        const current = byId.get(letter.id);
        if (!current || letter.ts >= current.ts) byId.set(letter.id, letter);
      } catch {
        this.options.log.warn(`redis: dead letter ${streamId} is not valid JSON; skipped`);
      }
    }
    return [...byId.values()].sort((a, b) => a.ts - b.ts);
  }

  async removeDeadLetters(ids: readonly string[]): Promise<number> {
    if (!ids.length) return 0;
    const stream = this.key('dead_letters');
    const wanted = new Set(ids);
    // Scan the stream rather than trust the index alone, so an entry whose id is in the stream
    // twice (a rewrite raced with a read) goes entirely.
    const matches = (await this.redis.xrange(stream, '-', '+')).filter(([, f]) => wanted.has(fieldValue(f, 'id') ?? ''));
    if (!matches.length) return 0;
    await this.withRetry('dead letter removal', () =>
      this.redis.multi().xdel(stream, ...matches.map(([id]) => id)).hdel(this.key('dead_letter_ids'), ...ids).exec(),
    );
    return new Set(matches.map(([, f]) => fieldValue(f, 'id'))).size;
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

  private async messageRefs(): Promise<MessageRefRecord[]> {
    const out: MessageRefRecord[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${escapeGlob(this.key('msgref:'))}*`, 'COUNT', 1000);
      cursor = next;
      if (!keys.length) continue;
      for (const text of await this.redis.mget(...keys)) {
        const record = text ? parseRecord<MessageRefRecord>(text) : undefined;
        if (record?.ref) out.push(record);
      }
    } while (cursor !== '0');
    return out;
  }

  // ---- audit -------------------------------------------------------------------------------

  /**
   * The HMAC is computed here (the key never reaches Redis), so the append cannot be one Lua
   * script: read the tail and the length under WATCH, seal, and write line + tail + sealed head in
   * MULTI; if another process moved the tail meanwhile, EXEC returns null and we seal again.
   */
  appendAudit(entry: AuditEntry, sealer: AuditSealer): Promise<void> {
    const run = this.auditQueue.then(() => this.withRetry('audit append', () => this.appendAuditOnce(entry, sealer)));
    this.auditQueue = run.catch(() => undefined);
    return run;
  }

  private async appendAuditOnce(entry: AuditEntry, sealer: AuditSealer): Promise<void> {
    const tailKey = this.key('audit:tail');
    for (let attempt = 0; attempt < 1000; attempt++) {
      await this.redis.watch(tailKey);
      const [prev, length] = await Promise.all([this.redis.get(tailKey), this.redis.llen(this.key('audit'))]);
      const sealed = sealer.entry(prev ?? GENESIS_HMAC, entry);
      const head = { count: length + 1, hmac: sealed.hmac };
      const result = await this.redis
        .multi()
        .rpush(this.key('audit'), sealed.line)
        .set(tailKey, head.hmac)
        .set(this.key('audit:head'), encodeHead(head, sealer.head(head)))
        .exec();
      if (result) return;
    }
    throw new Error('audit append: the chain tail kept changing (1000 attempts)');
  }

  async *readAudit(): AsyncIterable<AuditLine> {
    const source = `${describeRedisUrl(this.options.url)} ${this.key('audit')}`;
    const total = await this.redis.llen(this.key('audit'));
    const page = 1000;
    for (let start = 0; start < total; start += page) {
      const lines = await this.redis.lrange(this.key('audit'), start, start + page - 1);
      for (let i = 0; i < lines.length; i++) yield { source, line: start + i + 1, text: lines[i]! };
    }
  }

  async readAuditHead(): Promise<{ source: string; text: string } | undefined> {
    const text = await this.redis.get(this.key('audit:head'));
    return text ? { source: `${describeRedisUrl(this.options.url)} ${this.key('audit:head')}`, text } : undefined;
  }

  // ---- snapshots and upkeep ----------------------------------------------------------------

  private async dedupEntries(): Promise<DedupEntry[]> {
    const out: DedupEntry[] = [];
    const marker = this.key('dedup:');
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${escapeGlob(marker)}*`, 'COUNT', 1000);
      cursor = next;
      if (!keys.length) continue;
      const values = await this.redis.mget(...keys);
      keys.forEach((key, i) => {
        const value = values[i];
        if (!value?.startsWith('done:')) return; // claims in flight are not state worth moving
        const [sink_id, event_id] = key.slice(marker.length).split('\u0000') as [string, string];
        out.push({ sink_id, event_id, ts: Number(value.slice(5)) / 1000 });
      });
    } while (cursor !== '0');
    return out.sort((a, b) => a.ts - b.ts);
  }

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
    return { schemaVersion: 1, dedup: await this.dedupEntries(), deadLetters: await this.listDeadLetters(), cursors, values, messageRefs: await this.messageRefs() };
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
    await this.auditQueue;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}

function parseRecord<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function fieldValue(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
