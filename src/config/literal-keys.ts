// Keys a sink kind wants unresolved (a shell `command`'s ${VAR} is the child's, not Herald's):
// taken out before substitution and put back after.
import type { SinkRegistry } from '../sinks/registry.js';

export /** Takes out the keys a sink kind wants unresolved (its `literalKeys`) and puts them back after substitution. */
function withholdLiterals(block: Record<string, unknown>, registry: SinkRegistry) {
  const kept: { index: number; key: string; value: unknown }[] = [];
  const sinks = Array.isArray(block.sinks)
    ? block.sinks.map((sink, index) => {
        if (!sink || typeof sink !== 'object' || typeof (sink as { kind?: unknown }).kind !== 'string') return sink;
        const keys = registry.get((sink as { kind: string }).kind)?.literalKeys ?? [];
        const copy = { ...(sink as Record<string, unknown>) };
        for (const key of keys) {
          if (key in copy) kept.push({ index, key, value: copy[key] });
          delete copy[key];
        }
        return copy;
      })
    : block.sinks;
  return {
    block: { ...block, ...(Array.isArray(block.sinks) ? { sinks } : {}) },
    restore(resolved: Record<string, unknown>) {
      const out = resolved.sinks as Record<string, unknown>[];
      for (const { index, key, value } of kept) out[index]![key] = value;
    },
  };
}
