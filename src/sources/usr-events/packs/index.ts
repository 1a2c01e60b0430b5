// Both packs are always active and keyed by action name only (reference §5.7).
import { densegenPack } from './densegen.js';
import { inferPack } from './infer.js';
import type { ToolEventHandler } from './types.js';

const handlers = new Map<string, ToolEventHandler>([...Object.entries(densegenPack), ...Object.entries(inferPack)]);

export function handlerFor(action: string): ToolEventHandler | undefined {
  return handlers.get(action);
}
