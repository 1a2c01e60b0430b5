// A USR record as a NotificationEvent, so every Herald sink and filter applies: kind = action,
// severity from the status, title/body from the pack message, dataset/tool/run/host as labels,
// and the line's own hash as event_id (stable across file replacement).
import type { JsonValue, NotificationEvent, Severity } from '../../core/event.js';
import type { NotifyPayload } from './payload.js';
import type { UsrRecord } from './validate.js';
import { obj } from './packs/types.js';
import { eventTimeSeconds } from './numbers.js';

const SEVERITY: Record<string, Severity> = { failure: 'error', success: 'info', started: 'info', running: 'info' };

export function usrToEvent(record: UsrRecord, payload: NotifyPayload, eventId: string, nowMs: number): NotificationEvent {
  const message = payload.message ?? `${record.action}`;
  const [first, ...rest] = message.split('\n');
  const labels: Record<string, string> = { status: payload.status, tool: payload.tool, run: payload.run_id };
  const dataset = obj(record.dataset).name;
  if (typeof dataset === 'string') labels.dataset = dataset;
  const host = obj(record.actor).host;
  if (typeof host === 'string') labels.host = host;
  return {
    event_id: eventId,
    kind: record.action,
    title: first ?? record.action,
    body: rest.join('\n'),
    severity: SEVERITY[payload.status] ?? 'info',
    task_id: null,
    session_id: null,
    run_id: payload.run_id,
    timestamp: eventTimeSeconds(record.timestamp_utc, nowMs),
    labels,
    // Kept as built (Python float spellings included), so the profile webhook posts it byte for byte.
    details: { usr: { ...payload } as JsonValue },
  };
}

/**
 * A notify payload kept without its record (a dnadesign spool file) as an event again, so it can be
 * replayed through the profile webhook sink, which posts the payload as it is.
 */
export function usrPayloadToEvent(payload: NotifyPayload, eventId: string, nowMs: number): NotificationEvent {
  const message = typeof payload.message === 'string' && payload.message ? payload.message : `${String(payload.meta?.usr_action ?? 'usr event')}`;
  const [first, ...rest] = message.split('\n');
  const action = typeof payload.meta?.usr_action === 'string' ? payload.meta.usr_action : 'usr_event';
  const time = Date.parse(String(payload.timestamp));
  return {
    event_id: eventId,
    kind: action,
    title: first ?? action,
    body: rest.join('\n'),
    severity: SEVERITY[payload.status] ?? 'info',
    task_id: null,
    session_id: null,
    run_id: typeof payload.run_id === 'string' ? payload.run_id : null,
    timestamp: Number.isFinite(time) ? time / 1000 : nowMs / 1000,
    labels: { status: String(payload.status), tool: String(payload.tool), run: String(payload.run_id) },
    details: { usr: { ...payload } as JsonValue },
  };
}
