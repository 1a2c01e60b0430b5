// The dead-letter half of the `dir` backend: dead_letter.jsonl in Bernstein's record format,
// rotated past 5 MiB under names that never collide, read back with torn lines skipped.
import { createHash } from 'node:crypto';
import { readdir, rm, stat, link, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PyFloat, pythonJson } from '../core/python-format.js';
import type { Logger } from '../core/context.js';
import { appendNoFollow, parseJsonl, readTextIfExists, writeFileAtomic } from './files.js';
import { keepWrittenNumbers } from './letter-numbers.js';
import { withLock } from './lock.js';
import { mergeTombstones } from './merge.js';
import type { DeadLetter } from './store.js';

export const DEAD_LETTER_MAX_BYTES = 5 * 1024 * 1024;

export class DirDeadLetters {
  constructor(
    private readonly dir: string,
    private readonly lockPath: string,
    private readonly log: Logger,
    private readonly maxBytes = DEAD_LETTER_MAX_BYTES,
  ) {}

  async files(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const rotated = names.filter((n) => n.startsWith('dead_letter.jsonl.') && !n.endsWith('.tmp')).sort();
    return [...rotated, 'dead_letter.jsonl'].map((n) => join(this.dir, n));
  }

  async add(letter: DeadLetter): Promise<void> {
    await withLock(this.lockPath, async () => {
      const file = join(this.dir, 'dead_letter.jsonl');
      const size = await stat(file).then((s) => s.size, () => 0);
      if (size >= this.maxBytes) await this.rotate(file);
      await appendNoFollow(file, encodeDeadLetter(letter) + '\n');
    });
  }

  /** Renames to dead_letter.jsonl.<unix seconds>-<seq>; link() refuses to overwrite, so names never collide. */
  private async rotate(file: string): Promise<void> {
    const seconds = Math.floor(Date.now() / 1000);
    for (let seq = 0; ; seq++) {
      const target = `${file}.${seconds}-${String(seq).padStart(4, '0')}`;
      try {
        await link(file, target);
        await unlink(file);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  async list(): Promise<DeadLetter[]> {
    const byId = new Map<string, DeadLetter>();
    for (const file of await this.files()) {
      const text = await readTextIfExists(file);
      let lines: string[] | undefined;
      for (const { value, line } of parseJsonl<Partial<DeadLetter>>(text, (line, reason) => this.log.warn(`${file}: skipped line ${line} (${reason})`))) {
        const letter = normalizeDeadLetter(value);
        if (!letter) continue;
        keepWrittenNumbers(letter, (lines ??= text.split('\n'))[line - 1] ?? '');
        const current = byId.get(letter.id);
        if (!current || letter.ts >= current.ts) byId.set(letter.id, letter);
      }
    }
    return [...byId.values()].sort((a, b) => a.ts - b.ts);
  }

  private tombstonePath(): string {
    return join(this.dir, 'dead_letter_removed.json');
  }

  /** Ids of removed letters → when (seconds); see mergeSnapshots. */
  async tombstones(): Promise<Record<string, number>> {
    const text = await readTextIfExists(this.tombstonePath());
    if (!text) return {};
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, number>;
    } catch {
      /* reported below */
    }
    this.log.warn(`${this.tombstonePath()}: not a JSON object; removed dead letters may come back from older snapshots`);
    return {};
  }

  async writeTombstones(tombstones: Record<string, number>): Promise<void> {
    await writeFileAtomic(this.tombstonePath(), JSON.stringify(tombstones));
  }

  async remove(ids: readonly string[], nowMs = Date.now()): Promise<number> {
    const drop = new Set(ids);
    let removed = 0;
    await withLock(this.lockPath, async () => {
      const gone: Record<string, number> = {};
      for (const id of drop) gone[id] = nowMs / 1000;
      await this.writeTombstones(mergeTombstones(await this.tombstones(), gone, nowMs));
      for (const file of await this.files()) {
        const text = await readTextIfExists(file);
        if (!text) continue;
        const kept: string[] = [];
        let changed = false;
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          let letter: DeadLetter | null = null;
          try {
            letter = normalizeDeadLetter(JSON.parse(line));
          } catch {
            /* a torn line stays as it is; readers skip it */
          }
          if (letter && drop.has(letter.id)) {
            removed++;
            changed = true;
          } else {
            kept.push(line);
          }
        }
        if (!changed) continue;
        if (kept.length || file.endsWith('dead_letter.jsonl')) await writeFileAtomic(file, kept.map((l) => l + '\n').join(''));
        else await rm(file, { force: true });
      }
    });
    return removed;
  }

  /** Replaces every file with exactly these letters (the caller holds the state lock). */
  async replaceAll(letters: DeadLetter[]): Promise<void> {
    const files = await this.files();
    for (const file of files.slice(0, -1)) await rm(file, { force: true });
    await writeFileAtomic(join(this.dir, 'dead_letter.jsonl'), letters.map((l) => encodeDeadLetter(l) + '\n').join(''));
  }
}

/** Bernstein's record (sorted keys, Python separators) plus Herald's `id` and `attempts`. */
export function encodeDeadLetter(letter: DeadLetter): string {
  return pythonJson(
    { ...letter, ts: new PyFloat(letter.ts), event: { ...letter.event, timestamp: new PyFloat(letter.event.timestamp) } },
    { sortKeys: true },
  );
}

function normalizeDeadLetter(value: Partial<DeadLetter>): DeadLetter | null {
  if (!value || typeof value !== 'object' || !value.event || !value.sink_id) return null;
  // Bernstein's records have no id: derive the same one Herald would have given them.
  const id = value.id ?? deadLetterId(value.sink_id, value.event.event_id ?? '', value.ts ?? 0);
  return {
    id,
    sink_id: value.sink_id,
    event: value.event,
    reason: value.reason ?? '',
    ts: value.ts ?? 0,
    attempts: value.attempts ?? 0,
  };
}

export function deadLetterId(sinkId: string, eventId: string, tsSeconds: number): string {
  // Without an event id, the write time (microseconds) keeps records apart yet stable across reads.
  const seed = eventId ? `${sinkId}\u0000${eventId}` : `${sinkId}\u0000\u0000${tsSeconds}`;
  return `dl-${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`;
}
