// The audit chain in Redis: a list of sealed lines, the chain's tail and its sealed head. The HMAC
// is computed here (the key never reaches Redis), so an append cannot be one Lua script: it reads
// the tail and the length under WATCH, seals, and writes line + tail + head in MULTI; if another
// process moved the tail meanwhile, EXEC returns null and the entry is sealed again.
import type { Redis as RedisClient } from 'ioredis';
import { encodeHead } from './audit-head.js';
import { GENESIS_HMAC, type AuditEntry, type AuditLine, type AuditSealer } from './store.js';

type Retry = <T>(what: string, op: () => Promise<T>) => Promise<T>;

export class RedisAuditChain {
  /** WATCH is per connection: appends from this process's concurrent sinks go one at a time. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: RedisClient,
    private readonly key: (name: string) => string,
    /** Where the chain is, for messages (the URL without its password). */
    private readonly location: string,
    private readonly withRetry: Retry,
  ) {}

  append(entry: AuditEntry, sealer: AuditSealer): Promise<void> {
    const run = this.queue.then(() => this.withRetry('audit append', () => this.appendOnce(entry, sealer)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every append asked for so far has been written (or has failed). */
  settled(): Promise<void> {
    return this.queue;
  }

  private async appendOnce(entry: AuditEntry, sealer: AuditSealer): Promise<void> {
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

  async *read(): AsyncIterable<AuditLine> {
    const source = `${this.location} ${this.key('audit')}`;
    const total = await this.redis.llen(this.key('audit'));
    const page = 1000;
    for (let start = 0; start < total; start += page) {
      const lines = await this.redis.lrange(this.key('audit'), start, start + page - 1);
      for (let i = 0; i < lines.length; i++) yield { source, line: start + i + 1, text: lines[i]! };
    }
  }

  async readHead(): Promise<{ source: string; text: string } | undefined> {
    const text = await this.redis.get(this.key('audit:head'));
    return text ? { source: `${this.location} ${this.key('audit:head')}`, text } : undefined;
  }
}
