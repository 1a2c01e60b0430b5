// The dead-letter queue in Redis: a stream with one entry per letter (fields id, letter) and a hash
// from letter id to stream entry. A letter written again (a failed replay) appears twice in the
// stream; the newest counts, and removal takes every entry of the id.
import type { Redis as RedisClient } from 'ioredis';
import type { Logger } from '../core/context.js';
import { encodeLetterCompact, keepWrittenNumbers } from './letter-numbers.js';
import { ADD_DEAD_LETTER_SCRIPT } from './redis-scripts.js';
import type { DeadLetter } from './store.js';

type Retry = <T>(what: string, op: () => Promise<T>) => Promise<T>;

export class RedisDeadLetters {
  constructor(
    private readonly redis: RedisClient,
    private readonly key: (name: string) => string,
    private readonly withRetry: Retry,
    private readonly log: Logger,
  ) {}

  async add(letter: DeadLetter): Promise<void> {
    await this.withRetry('dead letter write', () =>
      this.redis.eval(ADD_DEAD_LETTER_SCRIPT, 2, this.key('dead_letters'), this.key('dead_letter_ids'), letter.id, encodeLetterCompact(letter)),
    );
  }

  async list(): Promise<DeadLetter[]> {
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
        this.log.warn(`redis: dead letter ${streamId} is not valid JSON; skipped`);
      }
    }
    return [...byId.values()].sort((a, b) => a.ts - b.ts);
  }

  async remove(ids: readonly string[]): Promise<number> {
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
}

function fieldValue(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
