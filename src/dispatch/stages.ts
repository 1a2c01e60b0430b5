// The history of a living message's stages in one compact line ("⏳ started → ⏳ running →
// ❌ failure"), kept with its reference and shown by `format: rich` (the Stages fact).
import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import type { RenderedMessage } from '../sinks/define.js';
import { runState, STATE_EMOJI } from '../sinks/rich.js';

/** At most this many stages are kept: the first and the latest ones. */
const MAX_STAGES = 8;

export function stageOf(event: NotificationEvent): string {
  const state = runState(event);
  return `${STATE_EMOJI[state]} ${state}`;
}

/** The stages with this one added; a repeat of the latest (progress, progress…) is one stage. */
export function appendStage(stages: readonly string[], stage: string): string[] {
  if (stages[stages.length - 1] === stage) return [...stages];
  const next = [...stages, stage];
  return next.length > MAX_STAGES ? [next[0]!, '…', ...next.slice(-(MAX_STAGES - 2))] : next;
}

/** For a rich sink, the message rendered again with the stage line; otherwise the message as it was. */
export function withStages(sink: SinkEntry, message: RenderedMessage, event: NotificationEvent, stages: readonly string[]): RenderedMessage {
  if ((sink.config as { format?: string }).format !== 'rich' || stages.length < 2) return message;
  try {
    return sink.definition.render({ ...event, details: { ...event.details, stages: stages.join(' → ') } }, sink.config);
  } catch {
    return message;
  }
}
