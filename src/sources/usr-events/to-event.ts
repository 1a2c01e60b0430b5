// A USR record as a NotificationEvent, so every Herald sink and filter applies: kind = action,
// severity from the status, title/body from the pack message, dataset/tool/run/host as labels,
// and the line's own hash as event_id (stable across file replacement).
import type { NotificationEvent, Severity } from '../../core/event.js';
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
    details: { usr: JSON.parse(JSON.stringify(payload)) },
  };
}
