// Pack throttle state per (bucket, run) in the state store, so a restarted watcher neither repeats
// "started" nor resets heartbeats (§10 #18). Changes are kept in memory and written only once the
// event that caused them reached a terminal outcome (or was suppressed), next to the cursor.
import type { StateStore } from '../../state/store.js';
import type { RunState } from './packs/types.js';

export class PackStateStore {
  private readonly cache = new Map<string, RunState>();
  constructor(private readonly store: StateStore | undefined, private readonly scope: string) {}

  private key(bucket: string, runId: string): string {
    return `usr-pack:${this.scope}:${bucket}:${runId}`;
  }

  async load(bucket: string, runId: string): Promise<RunState> {
    const key = this.key(bucket, runId);
    let state = this.cache.get(key);
    if (!state) {
      state = ((await this.store?.getValue<RunState>(key)) ?? {}) as RunState;
      this.cache.set(key, state);
    }
    return structuredClone(state);
  }

  async commit(bucket: string, runId: string, state: RunState, nowMs: number, persist: boolean): Promise<void> {
    const key = this.key(bucket, runId);
    const before = JSON.stringify(this.cache.get(key) ?? {});
    this.cache.set(key, state);
    if (persist && this.store && JSON.stringify(state) !== before) await this.store.setValue(key, state, nowMs);
  }
}
