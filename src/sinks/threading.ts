// Living messages, the sink side: the keys a sink that can edit and reply takes, and the two
// operations it offers. Which one an event needs (create, edit, reply) is decided in
// src/dispatch/threading.ts from the stored message reference; a sink only talks to its service.
//
//   threading: new | update | reply | update_and_reply   (default new: every event posts)
//   conversation: "{{labels.job}}"   which events share one message (default: run_id + task_id,
//                                    or the `conversation` label the front doors set)
//   reply_on: [error]                which severities also reply in the thread (default: all)
//   conversation_ttl_days: 7         how long the reference to the message is kept
import * as z from '../core/zod.js';
import { PermanentError } from '../core/errors.js';
import { SEVERITIES, type NotificationEvent } from '../core/event.js';

export type { MessageRef, ThreadedOps } from './define.js';

export const THREADING_MODES = ['new', 'update', 'reply', 'update_and_reply'] as const;
export type ThreadingMode = (typeof THREADING_MODES)[number];

/** Spread into the config of every sink that defines `threaded`. */
export const ThreadingShape = {
  threading: z._default(z.enum(THREADING_MODES), 'new'),
  conversation: z.optional(z.string()),
  reply_on: z.optional(z.array(z.enum(SEVERITIES)).check(z.minLength(1))),
  conversation_ttl_days: z._default(z.number().check(z.positive(), z.lte(365)), 7),
};

export interface ThreadingKeys {
  threading: ThreadingMode;
  conversation?: string;
  reply_on?: readonly string[];
  conversation_ttl_days: number;
}

/** The stored message was deleted (or never existed here): post a fresh parent instead. */
export class ParentGoneError extends PermanentError {
  constructor(message: string) {
    super(message);
    this.name = 'ParentGoneError';
  }
}

/** Progress records and `running` states edit the parent; they never post on their own. */
export function isProgressEvent(event: NotificationEvent): boolean {
  return event.labels.status === 'running' || /(^|_)progress($|_)/.test(event.kind);
}
