// Per-sink templates for title and body: logic-less {{placeholders}} over event fields, labels
// and details (no eval). The sink applies its service's escaping after substitution.
import type { NotificationEvent } from './event.js';
import { ExactInt, PyFloat } from './python-format.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

export function applyTemplate(event: NotificationEvent, template: { title?: string; body?: string } | undefined): NotificationEvent {
  if (!template || (!template.title && !template.body)) return event;
  return {
    ...event,
    title: template.title !== undefined ? fill(template.title, event) : event.title,
    body: template.body !== undefined ? fill(template.body, event) : event.body,
  };
}

export function fill(text: string, event: NotificationEvent): string {
  return text.replace(PLACEHOLDER, (_, path: string) => lookup(event, path));
}

function lookup(event: NotificationEvent, path: string): string {
  const [head, ...rest] = path.split('.');
  let value: unknown = (event as unknown as Record<string, unknown>)[head!];
  for (const part of rest) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<string, unknown>)[part];
  }
  if (value === null || value === undefined) return '';
  // A number kept as written (PyFloat, ExactInt) prints as written.
  return typeof value === 'object' && !(value instanceof PyFloat || value instanceof ExactInt) ? JSON.stringify(value) : String(value);
}
