// Progress for long work: a bar on a terminal, a plain line every few seconds elsewhere (CI logs,
// batch job output files).
import { loadCliProgress } from '../lazy/packages.js';

export interface Progress {
  tick(by?: number): void;
  stop(): void;
}

export async function startProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Promise<Progress> {
  if (total < 20) return { tick: () => undefined, stop: () => undefined };
  if (stream.isTTY) {
    const cliProgress = await loadCliProgress();
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`, stream, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { tick: (by = 1) => bar.increment(by), stop: () => bar.stop() };
  }
  let done = 0;
  let last = Date.now();
  return {
    tick(by = 1) {
      done += by;
      if (Date.now() - last >= 5000) {
        last = Date.now();
        stream.write(`herald: ${label}: ${done}/${total}\n`);
      }
    },
    stop() {
      stream.write(`herald: ${label}: ${done}/${total} done\n`);
    },
  };
}
