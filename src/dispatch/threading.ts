// Living messages, the dispatcher side (issue 15). A sink with `threading:` other than `new`
// keeps one message per conversation (a run, a job, an array task) and decides per event, from
// the reference in the state store, whether to create that message, edit it, reply under it, or
// both. Everything still goes through the one pipeline: the decision runs inside the attempt, so
// dedup, the rate limit, retries, dead letters and the audit apply as to any delivery.
//
// Design:
// - The conversation is the sink's `conversation:` template, else the event's `conversation`
//   label (set by the front doors), else run_id + task_id (core/conversation.ts). No key, no
//   threading: the event posts as with `new`.
// - update: every event edits the parent. reply: events reply in the parent's thread.
//   update_and_reply: every event edits the parent, and those whose severity is in `reply_on`
//   (default: all) also reply. Progress events (USR progress, status `running`) only ever edit.
//   The first event of a conversation posts the parent, and nothing else.
// - References (sink, conversation) → message live in the state store for conversation_ttl_days.
//   Before posting a parent a process claims the conversation (put-if-absent, atomic on Redis
//   and under the dir lock); a process that finds a claim waits for the reference instead of
//   posting a second parent, and takes over only when the claim expires.
// - A parent deleted at the service (ParentGoneError from the sink) gets a fresh parent, whose
//   reference replaces the old one.
// - Latest wins: within one dispatch, an event that would only edit the parent is `superseded`
//   when a later event of the same conversation edits it too; it is counted, audited and marked
//   in dedup (so a replay cannot roll the message back), but costs no API call.
import type { RuntimeContext } from '../core/context.js';
import { conversationOf } from '../core/conversation.js';
import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import type { DeliverContext, RenderedMessage } from '../sinks/define.js';
import { isProgressEvent, ParentGoneError, type MessageRef, type ThreadedOps, type ThreadingKeys, type ThreadingMode } from '../sinks/threading.js';
import type { MessageRefRecord, StateStore } from '../state/store.js';
import { dedupKeyFor } from './dedup-key.js';
import { prepareForSink, type ThreadPreview } from './render.js';
import { appendStage, stageOf, withStages } from './stages.js';

/** How long a claim on a conversation's first post holds before another process may take over. */
export const PARENT_CLAIM_MS = 60_000;
const CLAIM_POLL_MS = 100;
const DAY_MS = 86_400_000;

type ThreadAction = ThreadPreview['action'];

interface Plan {
  conversation: string;
  edits: boolean;
  replies: boolean;
}

export class Threading {
  constructor(private readonly deps: { store: StateStore; ctx: RuntimeContext }) {}

  modeOf(sink: SinkEntry): ThreadingMode {
    if (!sink.definition.threaded) return 'new';
    return (sink.config as unknown as ThreadingKeys).threading ?? 'new';
  }

  /** Whether this sink keeps living messages (and so takes no digests). */
  applies(sink: SinkEntry): boolean {
    return this.modeOf(sink) !== 'new';
  }

  /** What the event does to its conversation's message; undefined when it has no conversation. */
  private plan(sink: SinkEntry, event: NotificationEvent): Plan | undefined {
    const mode = this.modeOf(sink);
    if (mode === 'new') return undefined;
    const keys = sink.config as unknown as ThreadingKeys;
    const conversation = conversationOf(event, keys.conversation);
    if (!conversation) return undefined;
    const wantsReply = !isProgressEvent(event) && (!keys.reply_on || keys.reply_on.includes(event.severity));
    if (mode === 'update') return { conversation, edits: true, replies: false };
    if (mode === 'reply') return { conversation, edits: !wantsReply, replies: wantsReply };
    return { conversation, edits: true, replies: wantsReply };
  }

  /**
   * Indexes of events that only edit a parent which a later event of the same dispatch edits
   * again: sending them would be overwritten at once. `admitted` says which events pass filters.
   */
  superseded(sink: SinkEntry, events: readonly NotificationEvent[], admitted: (event: NotificationEvent) => boolean): Set<number> {
    const out = new Set<number>();
    if (!this.applies(sink) || events.length < 2) return out;
    const laterEdit = new Set<string>();
    for (let i = events.length - 1; i >= 0; i--) {
      if (!admitted(events[i]!)) continue;
      const plan = this.plan(sink, prepareForSink(sink, events[i]!));
      if (!plan?.edits) continue;
      if (!plan.replies && laterEdit.has(plan.conversation)) out.add(i);
      laterEdit.add(plan.conversation);
    }
    return out;
  }

  /** Delivers one rendered event: create, edit and/or reply, recording where the parent lives. */
  async send(sink: SinkEntry, message: RenderedMessage, ctx: DeliverContext, event: NotificationEvent): Promise<void> {
    const plan = this.plan(sink, event);
    const ops = sink.definition.threaded as ThreadedOps<unknown> | undefined;
    if (!plan || !ops) {
      await sink.definition.deliver(message, sink.config, ctx);
      return;
    }
    let record: MessageRefRecord | undefined;
    try {
      record = await this.parentOrClaim(sink, plan.conversation);
    } catch (error) {
      // As with dedup: a notification matters more than its living message. Post a new one.
      this.deps.ctx.log.warn(`${sink.config.id}: message references unavailable (${this.deps.ctx.redactor.redact((error as Error).message)}); posting a new message`);
      await ops.post(message, sink.config, ctx);
      return;
    }
    const stages = appendStage(record?.stages ?? [], stageOf(event));
    const shown = withStages(sink, message, event, stages);
    if (!record?.ref) return this.createParent(sink, ops, shown, ctx, plan.conversation, true, stages);
    try {
      if (plan.edits) await ops.edit(shown, sink.config, ctx, record.ref);
      if (plan.replies) await ops.post(shown, sink.config, ctx, record.ref);
    } catch (error) {
      if (!(error instanceof ParentGoneError)) throw error;
      this.deps.ctx.log.warn(`${sink.config.id}: the message of conversation '${plan.conversation}' is gone (${error.message}); posting a new one`);
      await this.createParent(sink, ops, shown, ctx, plan.conversation, false, [stageOf(event)]);
      return;
    }
    if (plan.edits && stages.join() !== (record.stages ?? []).join()) await this.remember(sink, plan.conversation, record.ref, stages, ctx);
  }

  /** The stored parent's record, or undefined when this process now holds the claim to post it. */
  private async parentOrClaim(sink: SinkEntry, conversation: string): Promise<MessageRefRecord | undefined> {
    const { store, ctx } = this.deps;
    const key = dedupKeyFor(sink);
    for (;;) {
      const nowMs = ctx.clock.nowMs();
      const record = await store.getMessageRef(key, conversation, nowMs);
      if (record?.ref) return record;
      if (!record && (await store.putMessageRefIfAbsent(this.record(sink, conversation, null, nowMs, PARENT_CLAIM_MS), nowMs))) return undefined;
      // Another process is posting the parent: wait for its reference (or its claim to lapse).
      await ctx.sleep(CLAIM_POLL_MS);
    }
  }

  private async createParent(sink: SinkEntry, ops: ThreadedOps<unknown>, message: RenderedMessage, ctx: DeliverContext, conversation: string, claimed: boolean, stages: string[]): Promise<void> {
    const { store } = this.deps;
    let ref: MessageRef;
    try {
      ref = await ops.post(message, sink.config, ctx);
    } catch (error) {
      // Let the next attempt (or process) claim again rather than wait out a dead claim.
      if (claimed) await store.putMessageRef(this.record(sink, conversation, null, ctx.nowMs(), 0), ctx.nowMs()).catch(() => undefined);
      throw error;
    }
    await this.remember(sink, conversation, ref, stages, ctx);
  }

  /** Stores where the message lives. The message is out: failing now would retry and post again, so it warns. */
  private async remember(sink: SinkEntry, conversation: string, ref: MessageRef, stages: string[], ctx: DeliverContext): Promise<void> {
    const nowMs = ctx.nowMs();
    const ttlMs = (sink.config as unknown as ThreadingKeys).conversation_ttl_days * DAY_MS;
    await this.deps.store.putMessageRef({ ...this.record(sink, conversation, ref, nowMs, ttlMs), stages }, nowMs).catch((error: Error) => {
      this.deps.ctx.log.warn(`${sink.config.id}: posted message ${ref.id} of conversation '${conversation}' but could not store its reference (${this.deps.ctx.redactor.redact(error.message)}); the next event posts a new message`);
    });
  }

  private record(sink: SinkEntry, conversation: string, ref: MessageRef | null, nowMs: number, ttlMs: number): MessageRefRecord {
    return { sink_id: dedupKeyFor(sink), conversation, ref, ts: nowMs / 1000, expires: (nowMs + ttlMs) / 1000 };
  }

  /** What delivering the event would do, and to which stored message; undefined for a plain post. */
  async preview(sink: SinkEntry, event: NotificationEvent): Promise<ThreadPreview | undefined> {
    const plan = this.applies(sink) ? this.plan(sink, prepareForSink(sink, event)) : undefined;
    if (!plan) return undefined;
    const record = await this.deps.store.getMessageRef(dedupKeyFor(sink), plan.conversation, this.deps.ctx.clock.nowMs());
    if (!record?.ref) return { conversation: plan.conversation, action: 'create' };
    const action: ThreadAction = plan.edits && plan.replies ? 'edit_and_reply' : plan.edits ? 'edit' : 'reply';
    return { conversation: plan.conversation, action, ref: record.ref };
  }
}

/** Whether any of these sinks keeps living messages (front doors then name the conversation). */
export function keepsLivingMessages(sinks: readonly SinkEntry[]): boolean {
  return sinks.some((s) => s.definition.threaded && (s.config as unknown as ThreadingKeys).threading !== 'new');
}
