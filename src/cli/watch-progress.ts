// A long catch-up is not silent. On a terminal (stderr a TTY): a progress bar over the log's bytes,
// shown once the catch-up has taken a second and cleared of the way when it reaches the end of the
// file. Elsewhere (a CI log, a batch job's output file): a plain line every 5 seconds with how far
// into the log the watch is and what happened to the events so far.
import { statSync } from 'node:fs';
import type { SingleBar } from 'cli-progress';
import { loadCliProgress } from '../lazy/packages.js';

export interface WatchPosition {
  offset: number;
  emitted: number;
  outcomes: Readonly<Record<string, number>>;
}

export interface WatchProgress {
  update(p: WatchPosition): void;
  stop(): void;
}

const LINE_EVERY_MS = 5000;
const BAR_AFTER_MS = 1000;

export async function startWatchProgress(eventsPath: string, dryRun: boolean, nowMs: () => number, stream: NodeJS.WriteStream = process.stderr): Promise<WatchProgress> {
  const started = nowMs();
  let size = 0;
  const sizeNow = () => {
    try {
      size = Math.max(size, statSync(eventsPath).size);
    } catch {
      // replaced or gone: the follower deals with it; keep the last size
    }
    return size;
  };
  const counts = ({ emitted, outcomes }: WatchPosition) =>
    dryRun ? `${emitted} event(s)` : `${emitted} event(s), ${outcomes.delivered ?? 0} delivered, ${outcomes.dead_lettered ?? 0} kept for replay`;
  return stream.isTTY ? ttyBar(await loadCliProgress(), stream, started, nowMs, sizeNow, counts) : plainLines(stream, started, nowMs, sizeNow, counts);
}

function plainLines(stream: NodeJS.WriteStream, started: number, nowMs: () => number, sizeNow: () => number, counts: (p: WatchPosition) => string): WatchProgress {
  let last = started;
  return {
    update(p) {
      const now = nowMs();
      if (now - last < LINE_EVERY_MS) return;
      last = now;
      const size = sizeNow();
      const pct = size ? ` (${Math.min(100, (p.offset / size) * 100).toFixed(1)}%)` : '';
      stream.write(`herald: watch: ${(p.offset / 1e6).toFixed(1)} MB read${pct}, ${counts(p)}, ${Math.round((now - started) / 1000)} s\n`);
    },
    stop: () => undefined,
  };
}

function ttyBar(
  cliProgress: typeof import('cli-progress'),
  stream: NodeJS.WriteStream,
  started: number,
  nowMs: () => number,
  sizeNow: () => number,
  counts: (p: WatchPosition) => string,
): WatchProgress {
  let bar: SingleBar | undefined;
  let finished = false;
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const end = () => {
    bar?.stop();
    bar = undefined;
    finished = true;
  };
  return {
    update(p) {
      if (finished) return;
      const size = sizeNow();
      if (!bar) {
        // A short catch-up (or a live tail) needs no bar.
        if (nowMs() - started < BAR_AFTER_MS || p.offset >= size) return;
        bar = new cliProgress.SingleBar(
          { format: 'herald: watch [{bar}] {percentage}% {read}/{size} MB | {counts}', stream, hideCursor: true, clearOnComplete: false, noTTYOutput: false },
          cliProgress.Presets.shades_classic,
        );
        bar.start(size, p.offset, { read: mb(p.offset), size: mb(size), counts: counts(p) });
      }
      bar.setTotal(size);
      bar.update(Math.min(p.offset, size), { read: mb(p.offset), size: mb(size), counts: counts(p) });
      // Caught up: the bar ends; following the file from here on is the watch's ordinary output.
      if (p.offset >= size) end();
    },
    stop: () => bar && end(),
  };
}
