// A clock that moves only when Herald sleeps, for retry and Retry-After tests: they assert the
// waits Herald asked for (recorded here) instead of measuring wall time.
import type { RuntimeContext } from '../../src/core/context.js';

export function fakeTime(startMs = 1_700_000_000_000): { sleeps: number[]; context: Partial<RuntimeContext> } {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    context: {
      clock: { nowMs: () => now },
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += Math.max(0, ms);
      },
      random: () => 0,
    },
  };
}
