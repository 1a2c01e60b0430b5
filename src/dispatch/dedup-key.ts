// Dedup entries are keyed by where a sink delivers, not only by its id: two sinks that post to
// different places (two watchers with different webhooks in one folder, two configs reusing an
// id) never share entries. The destination is hashed: a webhook URL is a secret and state files
// must not hold it in clear.
import { sha256Hex } from '../core/sha256.js';
import type { SinkEntry } from '../config/load.js';

const KEYS = new WeakMap<SinkEntry, string>();

export function dedupKeyFor(sink: SinkEntry): string {
  let key = KEYS.get(sink);
  if (key === undefined) {
    const destination = sink.definition.destination?.(sink.config);
    key = destination === undefined ? sink.config.id : `${sink.config.id}@${sha256Hex(`${sink.definition.kind}\u0000${destination}`).slice(0, 12)}`;
    KEYS.set(sink, key);
  }
  return key;
}
