// State across jobs in the GitHub Actions cache, as a transfer layer over the dir store: a job
// restores snapshots into its dir store before dispatching and saves one snapshot after.
//
// Cache entries are immutable (platform-and-prior-art.md §C.1), so every job saves under its own
// key and readers merge: the newest entry by prefix, plus the recent entries the REST API lists
// (parallel matrix jobs), each restored by exact key. The cached path holds one snapshot.json,
// never the dir store itself, so restoring several entries one after another cannot mix files.
// The path string must be identical on save and restore: the cache version is a hash of it.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../core/context.js';
import { isSnapshot } from './merge.js';
import type { StateSnapshot, StateStore } from './store.js';

/** The part of @actions/cache Herald uses; injected so tests can swap it. */
export interface CachePort {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface CacheLayout {
  /** The dir store the job works in (HERALD_STATE_DIR for later steps). */
  storeDir: string;
  /** The path string given to the cache, on save and restore alike (it is hashed into the version). */
  transferPath: string;
  /** The same folder, expanded, for reading and writing snapshot.json. */
  transferDir: string;
}

/**
 * The transfer path is spelled with `~` so its string is the same on every runner: RUNNER_TEMP's
 * absolute path differs between self-hosted machines, and a different string is a silent miss.
 * tar stores it relative to GITHUB_WORKSPACE, as actions/cache does for ~/.npm.
 */
export const TRANSFER_PATH = '~/.herald/actions-cache-transfer';

export function cacheLayout(runnerTemp: string, home: string): CacheLayout {
  return { storeDir: join(runnerTemp, 'herald-state', 'store'), transferPath: TRANSFER_PATH, transferDir: join(home, '.herald', 'actions-cache-transfer') };
}

export function cachePrefix(stateKey: string): string {
  return `herald-state-${stateKey}-`;
}

export interface RestoreReport {
  /** Keys whose snapshots were merged into the store, newest first. */
  restored: string[];
  /** Listed keys that could not be restored (another branch's scope, evicted, another version). */
  missed: string[];
  warnings: string[];
}

export type SaveReport = { saved: true; key: string; cacheId: number } | { saved: false; key: string; reason: string };

export class ActionsCacheState {
  constructor(
    private readonly cache: CachePort,
    private readonly layout: CacheLayout,
    private readonly log: Logger,
  ) {}

  private snapshotFile(): string {
    return join(this.layout.transferDir, 'snapshot.json');
  }

  /** Restores one entry (exact key, or the newest matching a prefix) and reads its snapshot. */
  private async restoreOne(primaryKey: string, restoreKeys: string[] = []): Promise<{ key: string; snapshot: StateSnapshot } | undefined> {
    await rm(this.layout.transferDir, { recursive: true, force: true });
    let matched: string | undefined;
    try {
      matched = await this.cache.restoreCache([this.layout.transferPath], primaryKey, restoreKeys);
    } catch (error) {
      // Only a ValidationError (a malformed key) escapes @actions/cache; other failures are warnings there.
      this.log.warn(`state restore skipped: ${(error as Error).message}`);
      return undefined;
    }
    if (!matched) return undefined;
    try {
      const snapshot = JSON.parse(await readFile(this.snapshotFile(), 'utf8')) as unknown;
      if (!isSnapshot(snapshot)) throw new Error('not a Herald state snapshot (schemaVersion 1)');
      return { key: matched, snapshot };
    } catch (error) {
      this.log.warn(`state entry ${matched} ignored: ${(error as Error).message}`);
      return undefined;
    }
  }

  /**
   * Merges into `store` the newest entry under `prefix` and then each listed key (newest first).
   * `listKeys` is optional: without a token only the newest entry is read.
   */
  async restoreInto(store: StateStore, prefix: string, nowMs: number, listKeys?: () => Promise<string[]>): Promise<RestoreReport> {
    const report: RestoreReport = { restored: [], missed: [], warnings: [] };
    // The primary key is the prefix itself: no entry has exactly that key, so the service falls
    // back to the most recently created entry whose key starts with it.
    const newest = await this.restoreOne(prefix, [prefix]);
    if (newest) {
      await store.importSnapshot(newest.snapshot, nowMs);
      report.restored.push(newest.key);
    }
    if (!listKeys) return report;
    let keys: string[];
    try {
      keys = await listKeys();
    } catch (error) {
      report.warnings.push(`could not list state entries to merge parallel jobs: ${(error as Error).message}`);
      return report;
    }
    for (const key of keys) {
      if (report.restored.includes(key)) continue;
      const entry = await this.restoreOne(key);
      // The service also matches keys by prefix; only the exact entry listed is wanted here.
      if (!entry || entry.key !== key) {
        report.missed.push(key);
        continue;
      }
      await store.importSnapshot(entry.snapshot, nowMs);
      report.restored.push(key);
    }
    return report;
  }

  /** Saves the snapshot under `key`. Never throws: an unsaved state is a warning, not a failed job. */
  async save(snapshot: StateSnapshot, key: string): Promise<SaveReport> {
    try {
      await rm(this.layout.transferDir, { recursive: true, force: true });
      await mkdir(this.layout.transferDir, { recursive: true });
      await writeFile(this.snapshotFile(), JSON.stringify(snapshot));
      const cacheId = await this.cache.saveCache([this.layout.transferPath], key);
      // -1 covers a taken key (reservation conflict), a 429 (not retried since @actions/cache 5.0.3)
      // and an unreachable service; the client has already logged which one.
      if (cacheId === -1) return { saved: false, key, reason: 'the cache service did not store it (key already taken, rate limited, or unavailable; see the log above)' };
      return { saved: true, key, cacheId };
    } catch (error) {
      return { saved: false, key, reason: (error as Error).message };
    }
  }
}
