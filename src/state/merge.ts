// How two snapshots of state combine, in any order, to the same result (an LWW map with expiry,
// as Alertmanager's nflog merges): dedup entries by newest timestamp, dead letters by union on id
// minus those either side removed (a tombstone outlives any snapshot still merged), cursors by the
// highest offset, values and living-message references by newest timestamp.
import type { DeadLetter, DedupEntry, StateSnapshot } from './store.js';
import { mergeMessageRefs } from './message-refs.js';

export function emptySnapshot(): StateSnapshot {
  return { schemaVersion: 1, dedup: [], deadLetters: [], cursors: {}, values: {} };
}

/** How long a removed dead letter's id is remembered: longer than any parallel snapshot is merged. */
export const TOMBSTONE_RETENTION_MS = 7 * 24 * 3600_000;

export function mergeTombstones(a: Record<string, number> = {}, b: Record<string, number> = {}, nowMs: number): Record<string, number> {
  const horizon = (nowMs - TOMBSTONE_RETENTION_MS) / 1000;
  const merged: Record<string, number> = {};
  for (const [id, ts] of [...Object.entries(a), ...Object.entries(b)]) if (ts >= horizon && !(merged[id]! >= ts)) merged[id] = ts;
  return merged;
}

export function mergeSnapshots(a: StateSnapshot, b: StateSnapshot, nowMs: number, windowMs: number): StateSnapshot {
  const horizon = (nowMs - windowMs) / 1000;
  const dedup = new Map<string, DedupEntry>();
  for (const entry of [...a.dedup, ...b.dedup]) {
    if (entry.ts < horizon) continue;
    const key = `${entry.sink_id}\u0000${entry.event_id}`;
    const current = dedup.get(key);
    if (!current || entry.ts > current.ts) dedup.set(key, entry);
  }
  const removed = mergeTombstones(a.removedDeadLetters, b.removedDeadLetters, nowMs);
  const letters = new Map<string, DeadLetter>();
  for (const letter of [...a.deadLetters, ...b.deadLetters]) {
    if (removed[letter.id] !== undefined) continue;
    const current = letters.get(letter.id);
    if (!current || letter.ts > current.ts) letters.set(letter.id, letter);
  }
  const cursors: Record<string, number> = { ...a.cursors };
  for (const [name, offset] of Object.entries(b.cursors)) cursors[name] = Math.max(cursors[name] ?? 0, offset);
  const values: StateSnapshot['values'] = { ...a.values };
  for (const [key, item] of Object.entries(b.values)) {
    if (!values[key] || item.ts > values[key]!.ts) values[key] = item;
  }
  return {
    schemaVersion: 1,
    dedup: [...dedup.values()].sort((x, y) => x.ts - y.ts),
    deadLetters: [...letters.values()].sort((x, y) => x.ts - y.ts),
    cursors,
    values,
    removedDeadLetters: removed,
    messageRefs: mergeMessageRefs(a.messageRefs, b.messageRefs, nowMs),
  };
}

export function isSnapshot(value: unknown): value is StateSnapshot {
  const v = value as StateSnapshot;
  return Boolean(v) && v.schemaVersion === 1 && Array.isArray(v.dedup) && Array.isArray(v.deadLetters) && typeof v.cursors === 'object' && typeof v.values === 'object';
}
