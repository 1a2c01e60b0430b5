// Pack throttle state per (bucket, run) in the state store, so a restarted watcher neither repeats
// "started" nor resets heartbeats (§10 #18). Each record's change is kept in memory at once (the
// next record of the run reads it) and written to the store only once the record is handled, with
// the cursor that passes it.
import type { StateStore } from '../../state/store.js';
import type { RunState } from './packs/types.js';

export class PackStateStore {
  private readonly cache = new Map<string, RunState>();
  /** bucket → run id → store key: a catch-up asks for the same few runs a million times. */
  private readonly keys = new Map<string, Map<string, string>>();
  /** What the store holds, as JSON, so an unchanged state is not written again. */
  private readonly stored = new Map<string, string>();

  constructor(private readonly store: StateStore | undefined, private readonly scope: string) {}

  private key(bucket: string, runId: string): string {
    let runs = this.keys.get(bucket);
    if (!runs) this.keys.set(bucket, (runs = new Map()));
    let key = runs.get(runId);
    if (key === undefined) runs.set(runId, (key = `usr-pack:${this.scope}:${bucket}:${runId}`));
    return key;
  }

  /**
   * A copy of the run's state for the next record to change; undefined when it is not in memory
   * yet (then `load`). Pack states hold top-level primitives that records replace, never mutate
   * in place, so a shallow copy keeps every record's state apart.
   */
  cached(bucket: string, runId: string): RunState | undefined {
    const state = this.cache.get(this.key(bucket, runId));
    return state && { ...state };
  }

  async load(bucket: string, runId: string): Promise<RunState> {
    const key = this.key(bucket, runId);
    let state = this.cache.get(key);
    if (!state) {
      state = ((await this.store?.getValue<RunState>(key)) ?? {}) as RunState;
      this.cache.set(key, state);
      this.stored.set(key, JSON.stringify(state));
    }
    return { ...state };
  }

  remember(bucket: string, runId: string, state: RunState): void {
    this.cache.set(this.key(bucket, runId), state);
  }

  /** Writes the last state of each run among `changes` (handled records, in file order). */
  async persist(changes: readonly { bucket: string; runId: string; state: RunState }[], nowMs: number): Promise<void> {
    if (!this.store) return;
    const last = new Map<string, RunState>();
    for (const c of changes) last.set(this.key(c.bucket, c.runId), c.state);
    const changed: { key: string; value: RunState; json: string }[] = [];
    for (const [key, state] of last) {
      const json = JSON.stringify(state);
      if (this.stored.get(key) !== json) changed.push({ key, value: state, json });
    }
    // One write per commit, not one per run: each dir-backend write is a lock and an fsync.
    await this.store.setValues(changed, nowMs);
    for (const { key, json } of changed) this.stored.set(key, json);
  }
}
