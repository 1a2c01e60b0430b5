/** USR `.events.log` actions (reference/usr-events-and-profiles.md §1.5) keep their action as kind. */
export declare const USR_ACTIONS: readonly ["init", "import_rows", "attach", "write_overlay_part", "tombstone", "restore", "state_set", "state_clear", "snapshot", "materialize", "dedupe", "merge", "merge_datasets", "registry_freeze", "overlay_compact", "remove_overlay", "event_log_garden", "densegen_health", "densegen_flush_failed", "infer_feature_bundle_progress", "infer_feature_bundle_complete", "infer_feature_bundle_shard_commit", "infer_feature_aliases_write", "infer_feature_vectors_write", "infer_feature_scalar_aliases_write", "infer_feature_scalars_write"];
/** Kinds Herald itself produces besides the lifecycle ones (digests of backed-up events). */
export declare const HERALD_KINDS: readonly ["digest"];
export declare const KNOWN_KINDS: readonly string[];
export declare function isAcceptedKindFilter(entry: string): boolean;
