// The common case of a payload-file event, checked by hand: a 20,000-event send checks 20,000
// events, and the schema's walk was a fifth of that send's CPU, most of it before the JIT warmed
// up. Anything out of the ordinary (a wrong type, an unknown key, a `__proto__` key, details nested
// deeper than the limit) is left to the checks after it, which name the problem: what is accepted,
// and every message, stays theirs.
import { isSeverity, timestampProblem, type EventInput } from '../core/event.js';

/**
 * What eventInputSchema() would return for `value`, when `value` is plainly valid and nests no object
 * at depth `depthLimit` or deeper (as nestsDeeperThan counts: the event is depth 0); else undefined.
 */
export function plainEventInput(value: unknown, depthLimit: number): EventInput | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    switch (key) {
      case 'kind':
        if (typeof v !== 'string' || v === '') return undefined;
        break;
      case 'event_id':
      case 'title':
      case 'body':
      case 'outcome':
        if (typeof v !== 'string') return undefined;
        break;
      case 'task_id':
      case 'session_id':
      case 'run_id':
        if (v !== null && typeof v !== 'string') return undefined;
        break;
      case 'severity':
        if (!isSeverity(v)) return undefined;
        break;
      case 'timestamp':
        if (typeof v !== 'number' || timestampProblem(v) !== undefined) return undefined;
        break;
      case 'labels': {
        const labels = plainLabels(v);
        if (!labels) return undefined;
        out.labels = labels;
        continue;
      }
      case 'details':
        if (!isRecord(v) || !plainDetails(v, depthLimit)) return undefined;
        break;
      default:
        return undefined;
    }
    out[key] = v;
  }
  return out.kind === undefined ? undefined : (out as unknown as EventInput);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Labels as the schema turns them out: numbers and booleans as strings. */
function plainLabels(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (key === '__proto__' || (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) return undefined;
    out[key] = String(v);
  }
  return out;
}

/**
 * No `__proto__` key anywhere (the schema copies records, which such a key does not survive as is)
 * and no object at `depthLimit` or deeper: details sit at depth 1.
 */
function plainDetails(details: Record<string, unknown>, depthLimit: number): boolean {
  const stack: { value: object; depth: number }[] = [{ value: details, depth: 1 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (depth >= depthLimit) return false;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key === '__proto__') return false;
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return true;
}
