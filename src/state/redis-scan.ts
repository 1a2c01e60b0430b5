// Reading every key of one kind from Redis (for snapshots, `state export`, the summary): SCAN in
// pages of 1,000 and MGET per page, never KEYS, so a large Redis is not blocked.
import type { Redis as RedisClient } from 'ioredis';
import type { MessageRefRecord } from './message-refs.js';
import type { DedupEntry } from './store.js';

/** Every delivered (sink, event) record under `marker`; claims in flight are not state worth moving. */
export async function scanDedupEntries(redis: RedisClient, marker: string): Promise<DedupEntry[]> {
  const out: DedupEntry[] = [];
  await scanValues(redis, marker, (key, value) => {
    if (!value?.startsWith('done:')) return;
    const [sink_id, event_id] = key.slice(marker.length).split('\u0000') as [string, string];
    out.push({ sink_id, event_id, ts: Number(value.slice(5)) / 1000 });
  });
  return out.sort((a, b) => a.ts - b.ts);
}

/** Every living-message reference under `marker`. */
export async function scanMessageRefs(redis: RedisClient, marker: string): Promise<MessageRefRecord[]> {
  const out: MessageRefRecord[] = [];
  await scanValues(redis, marker, (_key, value) => {
    const record = value ? parseRecord<MessageRefRecord>(value) : undefined;
    if (record?.ref) out.push(record);
  });
  return out;
}

async function scanValues(redis: RedisClient, marker: string, each: (key: string, value: string | null) => void): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(marker)}*`, 'COUNT', 1000);
    cursor = next;
    if (!keys.length) continue;
    const values = await redis.mget(...keys);
    keys.forEach((key, i) => each(key, values[i] ?? null));
  } while (cursor !== '0');
}

export function parseRecord<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
