// Event kinds a sink's `events:` filter may name. Kinds are open strings, but a filter naming a
// kind nothing produces is almost always a typo, so it is an error with a suggestion. A filter
// entry with "*" is a pattern and is accepted as is.
import { LIFECYCLE_KINDS } from './event.js';

/** USR `.events.log` actions (reference/usr-events-and-profiles.md §1.5) keep their action as kind. */
export const USR_ACTIONS = [
  'init', 'import_rows', 'attach', 'write_overlay_part', 'tombstone', 'restore', 'state_set',
  'state_clear', 'snapshot', 'materialize', 'dedupe', 'merge', 'merge_datasets', 'registry_freeze',
  'overlay_compact', 'remove_overlay', 'event_log_garden', 'densegen_health', 'densegen_flush_failed',
  'infer_feature_bundle_progress', 'infer_feature_bundle_complete', 'infer_feature_bundle_shard_commit',
  'infer_feature_aliases_write', 'infer_feature_vectors_write', 'infer_feature_scalar_aliases_write',
  'infer_feature_scalars_write',
] as const;

/** Kinds Herald itself produces besides the lifecycle ones (digests of backed-up events). */
export const HERALD_KINDS = ['digest'] as const;

export const KNOWN_KINDS: readonly string[] = [...LIFECYCLE_KINDS, ...USR_ACTIONS, ...HERALD_KINDS];

export function isAcceptedKindFilter(entry: string): boolean {
  return entry.includes('*') || KNOWN_KINDS.includes(entry);
}
